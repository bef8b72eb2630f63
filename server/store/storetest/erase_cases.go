package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

func (c *client) erase(kind, id string) protocol.Change {
	mid, stamp := c.next()
	return protocol.Change{ClientSeq: uint64(c.n), MutationID: mid, Kind: kind, RecordID: id, Op: protocol.OpErase,
		Versions: map[string]string{protocol.ErasedKey: stamp}}
}

// Values of the person erased in testErase; none may be left anywhere
// the store API shows.
var erasedValues = []string{"王晓岚", "+8613912345678", "+8613987654321"}

func holdsErased(v any) bool {
	data, _ := json.Marshal(v)
	for _, s := range erasedValues {
		if bytes.Contains(data, []byte(s)) {
			return true
		}
	}
	return false
}

func testErase(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	a, b, m := newClient("laptop-a"), newClient("laptop-b"), newClient("laptop-m")
	push(t, s, staffA, a.batch(
		a.put("enterprise", "ea", "name", `"山海玩具"`),
		a.put("contact", "ca", "enterprise_id", `"ea"`, "name", `"王晓岚"`, "mobile", `"+8613912345678"`),
		a.put("contact", "cb", "enterprise_id", `"ea"`, "name", `"李四"`),
	))
	// A concurrent edit leaves the old mobile as a conflict in the record
	// and in the stored result of b's mutation.
	b.clock.Now()
	overwrite := b.batch(b.put("contact", "ca", "mobile", `"+8613987654321"`))
	first := push(t, s, staffA, overwrite)
	if !holdsErased(first) {
		t.Fatalf("setup: the overwrite should report the old mobile as a conflict: %+v", first)
	}
	_, cursor := pullAll(t, s, staffA, 0, 100)

	deny := push(t, s, staffA, a.batch(a.erase("contact", "ca")))
	wantStatus(t, deny.Results[0], protocol.StatusRejected, "erase_forbidden")
	other := push(t, s, managerB, m.batch(m.erase("contact", "ca")))
	wantStatus(t, other.Results[0], protocol.StatusRejected, "forbidden_zone")
	ent := push(t, s, managerA, m.batch(m.erase("enterprise", "ea")))
	wantStatus(t, ent.Results[0], protocol.StatusRejected, "erase_enterprise")

	// A referral shares the contact with zone B: B's manager may read it
	// but not erase it for zone A.
	push(t, s, staffA, a.batch(a.put("referral", "r1", "enterprise_id", `"ea"`, "from_zone", `"zone-a"`, "to_zone", `"zone-b"`)))
	shared := push(t, s, managerB, m.batch(m.erase("contact", "ca")))
	wantStatus(t, shared.Results[0], protocol.StatusRejected, "erase_forbidden")

	ok := push(t, s, managerA, m.batch(m.erase("contact", "ca")))
	wantStatus(t, ok.Results[0], protocol.StatusApplied, "")
	if ok.Results[0].Seq <= cursor {
		t.Fatalf("erase seq %d, want a new sequence after %d", ok.Results[0].Seq, cursor)
	}

	// Clients that had the contact pull the erase; it holds no values.
	recs, _ := pullAll(t, s, staffA, cursor, 100)
	got := byID(recs)["ca"]
	if got.Erased == "" || got.Deleted == "" || len(got.Fields) > 0 || len(got.Conflicts) > 0 {
		t.Fatalf("pulled erase = %+v, want erased and deleted stamps only", got)
	}
	// Nothing the store answers holds the person's values any more: not
	// a pull from the start, nor a retried push's remembered result.
	all, _ := pullAll(t, s, admin, 0, 100)
	if holdsErased(all) {
		t.Fatalf("a full pull still holds erased values: %+v", all)
	}
	if _, seen := byID(all)["ca"]; seen {
		t.Fatal("a fresh download should not even get the erased tombstone")
	}
	if again := push(t, s, staffA, overwrite); holdsErased(again) {
		t.Fatalf("the retried push's result still holds erased values: %+v", again)
	}

	// Later changes never bring it back, not even after a purge.
	if _, err := s.Purge(context.Background(), now.Add(10*365*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	late := push(t, s, staffA, a.batch(
		a.put("contact", "ca", "name", `"王晓岚"`),
		a.del("contact", "ca"),
		m.erase("contact", "ca"),
	))
	wantStatus(t, late.Results[0], protocol.StatusRejected, "record_erased")
	wantStatus(t, late.Results[1], protocol.StatusRejected, "record_erased")
	admins := push(t, s, admin, m.batch(m.erase("contact", "ca")))
	wantStatus(t, admins.Results[0], protocol.StatusUnchanged, "")
	if all, _ := pullAll(t, s, admin, 0, 100); holdsErased(all) {
		t.Fatal("a later push resurrected the erased contact")
	}
	// The other contact is untouched.
	if _, ok := byID(all)["cb"]; !ok {
		t.Fatal("erasing one contact removed another")
	}
}
