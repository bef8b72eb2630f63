package storetest

import (
	"testing"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// testRestore: an edit the deleter had not seen is a restore offer even
// when stamped before the delete; a child written under a deleted
// enterprise is deleted with it (offered, not orphaned) in either
// order; restoring the enterprise brings back the children deleted with
// it.
func testRestore(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	a, b := newClient("laptop-a"), newClient("laptop-b")
	create := a.put("enterprise", "e1", "name", `"甲"`)
	push(t, s, staffA, a.batch(create))
	edit := b.put("enterprise", "e1", "notes", `"离线补记"`) // stamped before the delete
	early := b.put("contact", "c1", "enterprise_id", `"e1"`, "name", `"早到的联系人"`)
	push(t, s, staffA, b.batch(early))
	del := a.del("enterprise", "e1")
	del.Bases = map[string]string{"name": create.Versions["name"]} // a saw the name, not the notes
	push(t, s, managerA, a.batch(del))                             // only managers delete (docs/roles.md)
	push(t, s, staffA, b.batch(edit, b.put("contact", "c2", "enterprise_id", `"e1"`, "name", `"晚到的联系人"`)))
	recs := byID(pullTombstones(t, s))
	e1 := recs["e1"]
	if e1.Deleted == "" || len(e1.Conflicts) != 1 || e1.Conflicts[0].Field != "notes" || e1.Conflicts[0].Reason != protocol.ReasonAfterDelete {
		t.Fatalf("e1 = %+v, want a tombstone offering only the unseen notes", e1)
	}
	for _, id := range []string{"c1", "c2"} {
		if c := recs[id]; c.Deleted != e1.Deleted || len(c.Conflicts) == 0 {
			t.Fatalf("%s = %+v, want deleted with e1 and offered", id, c)
		}
	}
	_, stamp := b.next()
	push(t, s, staffA, b.batch(protocol.Change{MutationID: "restore-e1", Kind: "enterprise", RecordID: "e1",
		Op: protocol.OpRestore, Versions: map[string]string{protocol.RestoredKey: stamp}}))
	recs = byID(pullTombstones(t, s))
	for _, id := range []string{"e1", "c1", "c2"} {
		if r := recs[id]; r.Deleted != "" || len(r.Conflicts) != 0 {
			t.Fatalf("%s after the restore = %+v", id, r)
		}
	}
}

// pullTombstones pulls from cursor 1 (not a fresh device), so
// tombstones come too; the first record is e1, written again since.
func pullTombstones(t *testing.T, s store.Store) []protocol.Record {
	t.Helper()
	recs, _ := pullAll(t, s, staffA, 1, 100)
	return recs
}
