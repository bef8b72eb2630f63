package storetest

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

func testPushPull(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	c := newClient("laptop1")
	var changes []protocol.Change
	for i := range 25 {
		changes = append(changes, c.put("enterprise", fmt.Sprintf("e%02d", i), "name", fmt.Sprintf(`"企业%d"`, i)))
	}
	resp := push(t, s, staffA, c.batch(changes...))
	seqs := map[uint64]bool{}
	for _, r := range resp.Results {
		wantStatus(t, r, protocol.StatusApplied, "")
		if r.Seq == 0 || seqs[r.Seq] {
			t.Fatalf("seq %d missing or repeated", r.Seq)
		}
		seqs[r.Seq] = true
	}
	if resp.Cursor != resp.Results[24].Seq {
		t.Fatalf("cursor %d, want last seq %d", resp.Cursor, resp.Results[24].Seq)
	}
	for _, limit := range []int{1, 7, 10, 25, 500} {
		recs, cursor := pullAll(t, s, staffA, 0, limit)
		if len(recs) != 25 || cursor != resp.Cursor {
			t.Fatalf("limit %d: pulled %d records to cursor %d, want 25 to %d", limit, len(recs), cursor, resp.Cursor)
		}
		for i := 1; i < len(recs); i++ {
			if recs[i].Seq <= recs[i-1].Seq {
				t.Fatalf("limit %d: records out of sequence order at %d", limit, i)
			}
		}
		if got := string(recs[3].Fields["name"]); got != `"企业3"` || recs[3].Zones[0] != "zone-a" {
			t.Fatalf("record 3 = %+v", recs[3])
		}
	}
	// Up to date: nothing after the cursor, cursor unchanged.
	recs, cursor := pullAll(t, s, staffA, resp.Cursor, 100)
	if len(recs) != 0 || cursor != resp.Cursor {
		t.Fatalf("up-to-date pull gave %d records, cursor %d", len(recs), cursor)
	}
	// An edit moves the record to the end of the sequence.
	r2 := push(t, s, staffA, c.batch(c.put("enterprise", "e03", "notes", `"复访"`)))
	recs, _ = pullAll(t, s, staffA, resp.Cursor, 100)
	if len(recs) != 1 || recs[0].ID != "e03" || recs[0].Seq != r2.Cursor || string(recs[0].Fields["name"]) != `"企业3"` {
		t.Fatalf("incremental pull = %+v", recs)
	}
}

// testRetry: the batch commits, the response is lost, the client sends
// the same batch again.
func testRetry(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	c := newClient("laptop1")
	req := c.batch(c.put("enterprise", "e1", "name", `"甲"`), c.put("enterprise", "e2", "name", `"乙"`),
		c.put("contact", "c1", "enterprise_id", `"e1"`, "name", `"张三"`))
	first := push(t, s, staffA, req)
	_, cursor := pullAll(t, s, staffA, 0, 100)
	again := push(t, s, staffA, req)
	again.ServerTime = first.ServerTime
	if !reflect.DeepEqual(first, again) {
		t.Fatalf("retry answered differently:\n%+v\n%+v", first, again)
	}
	recs, cursor2 := pullAll(t, s, staffA, 0, 100)
	if len(recs) != 3 || cursor2 != cursor {
		t.Fatalf("after retry: %d records cursor %d, want 3 records cursor %d", len(recs), cursor2, cursor)
	}
}

func testOverlappingRetry(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	c := newClient("laptop1")
	a, b := c.put("enterprise", "e1", "name", `"甲"`), c.put("enterprise", "e1", "notes", `"n"`)
	first := push(t, s, staffA, c.batch(a, b))
	d := c.put("enterprise", "e2", "name", `"乙"`)
	second := push(t, s, staffA, c.batch(a, b, d))
	if !reflect.DeepEqual(first.Results, second.Results[:2]) {
		t.Fatalf("re-sent changes answered differently: %+v vs %+v", first.Results, second.Results[:2])
	}
	wantStatus(t, second.Results[2], protocol.StatusApplied, "")
	if second.Results[2].Seq <= first.Cursor {
		t.Fatalf("new change seq %d not after %d", second.Results[2].Seq, first.Cursor)
	}
	// Another client may reuse nothing: its own mutation IDs are separate.
	other := newClient("laptop2")
	push(t, s, staffA, other.batch(other.put("enterprise", "e3", "name", `"丙"`)))
	recs, _ := pullAll(t, s, staffA, 0, 100)
	if len(recs) != 3 {
		t.Fatalf("records = %d, want 3", len(recs))
	}
}

func testMerge(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	a, b := newClient("laptop-a"), newClient("laptop-b")
	push(t, s, staffA, a.batch(a.put("enterprise", "e1", "name", `"原名"`, "notes", `"x"`)))
	// Both edit offline: different fields merge, the same field conflicts.
	ea := a.put("enterprise", "e1", "name", `"甲改"`, "address", `"丽水"`)
	eb := b.put("enterprise", "e1", "name", `"乙改"`, "notes", `"乙备注"`)
	push(t, s, staffA, b.batch(eb))
	resp := push(t, s, staffA, a.batch(ea))
	recs, _ := pullAll(t, s, staffA, 0, 100)
	r := recs[0]
	winner, loser := `"乙改"`, `"甲改"`
	if ea.Versions["name"] > eb.Versions["name"] {
		winner, loser = loser, winner
	}
	if string(r.Fields["name"]) != winner || string(r.Fields["address"]) != `"丽水"` || string(r.Fields["notes"]) != `"乙备注"` {
		t.Fatalf("merged fields = %s", r.Fields)
	}
	found := false
	for _, c := range r.Conflicts {
		found = found || (c.Field == "name" && string(c.Value) == loser)
	}
	if !found {
		t.Fatalf("losing name %s not in conflicts %+v", loser, r.Conflicts)
	}
	if resp.Results[0].Status == protocol.StatusRejected {
		t.Fatalf("merge rejected: %+v", resp.Results[0])
	}
}

func testDelete(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	a, b := newClient("laptop-a"), newClient("laptop-b")
	first := push(t, s, staffA, a.batch(a.put("enterprise", "e1", "name", `"甲"`), a.put("enterprise", "e2", "name", `"乙"`)))
	push(t, s, managerA, a.batch(a.del("enterprise", "e1")))
	recs, _ := pullAll(t, s, staffA, first.Cursor, 100)
	if len(recs) != 1 || recs[0].Deleted == "" {
		t.Fatalf("tombstone not pulled: %+v", recs)
	}
	// A new device does not download plain tombstones.
	recs, _ = pullAll(t, s, staffA, 0, 100)
	if len(recs) != 1 || recs[0].ID != "e2" {
		t.Fatalf("fresh pull = %+v, want only e2", recs)
	}
	// An edit stamped after the delete is kept as a restore offer.
	b.clock.Observe(mustParse(t, recsDeleted(t, s)))
	push(t, s, staffA, b.batch(b.put("enterprise", "e1", "notes", `"离线补记"`)))
	recs, _ = pullAll(t, s, staffA, 0, 100)
	e1 := byID(recs)["e1"]
	if e1.Deleted == "" || len(e1.Conflicts) != 1 || e1.Conflicts[0].Reason != protocol.ReasonAfterDelete {
		t.Fatalf("restore offer missing: %+v", e1)
	}
}
