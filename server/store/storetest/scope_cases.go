package storetest

import (
	"context"
	"testing"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

var noHooks store.Hooks

func testZones(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	a, b := newClient("laptop-a"), newClient("laptop-b")
	resp := push(t, s, staffA, a.batch(
		a.put("enterprise", "ea", "name", `"甲企业"`),                       // creator's zone
		a.put("contact", "ca", "enterprise_id", `"ea"`, "name", `"张三"`),  // inherits zone-a
		a.put("enterprise", "ex", "name", `"越权"`, "zone_id", `"zone-b"`), // staff A cannot place in B
		a.put("enterprise", "es", "name", `"转介企业"`),
		a.put("referral", "rf", "enterprise_id", `"es"`, "from_zone", `"zone-a"`, "to_zone", `"zone-b"`),
	))
	for i, want := range []string{"", "", "forbidden_zone", "", ""} {
		if resp.Results[i].Code != want {
			t.Fatalf("result %d = %+v, want code %q", i, resp.Results[i], want)
		}
	}
	push(t, s, staffB, b.batch(b.put("enterprise", "eb", "name", `"乙企业"`, "zone_id", `"zone-b"`)))

	seenA := byID(must(pullAll(t, s, staffA, 0, 100)))
	seenB := byID(must(pullAll(t, s, staffB, 0, 100)))
	for _, tc := range []struct {
		id       string
		inA, inB bool
	}{{"ea", true, false}, {"ca", true, false}, {"es", true, true}, {"rf", true, true}, {"eb", false, true}, {"ex", false, false}} {
		if _, ok := seenA[tc.id]; ok != tc.inA {
			t.Errorf("staff A sees %s = %v, want %v", tc.id, ok, tc.inA)
		}
		if _, ok := seenB[tc.id]; ok != tc.inB {
			t.Errorf("staff B sees %s = %v, want %v", tc.id, ok, tc.inB)
		}
	}
	all := byID(must(pullAll(t, s, admin, 0, 100)))
	if len(all) != 5 {
		t.Errorf("admin sees %d records, want 5", len(all))
	}
	// Staff B cannot edit, delete or add children to zone A's records.
	deny := push(t, s, staffB, b.batch(
		b.put("enterprise", "ea", "name", `"篡改"`),
		b.del("contact", "ca"),
		b.put("visit", "vb", "enterprise_id", `"ea"`, "date", `"2026-11-20"`),
		b.put("enterprise", "ea", "zone_id", `"zone-b"`),
	))
	for i, r := range deny.Results {
		wantStatus(t, r, protocol.StatusRejected, "forbidden_zone")
		_ = i
	}
	// Staff B may not accept the shared referral; zone B's manager may.
	no := push(t, s, staffB, b.batch(b.put("referral", "rf", "status", `"accepted"`)))
	wantStatus(t, no.Results[0], protocol.StatusRejected, "forbidden_role")
	ok := push(t, s, managerB, b.batch(b.put("referral", "rf", "status", `"accepted"`)))
	wantStatus(t, ok.Results[0], protocol.StatusApplied, "")
	if got := string(byID(must(pullAll(t, s, staffA, 0, 100)))["ea"].Fields["name"]); got != `"甲企业"` {
		t.Fatalf("zone A record changed by zone B: name = %s", got)
	}
}

func testZoneMove(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	a, root := newClient("laptop-a"), newClient("admin-pc")
	first := push(t, s, staffA, a.batch(a.put("enterprise", "e1", "name", `"甲"`),
		a.put("contact", "c1", "enterprise_id", `"e1"`, "name", `"张三"`)))
	// Staff A may not re-home the enterprise; an admin may.
	wantStatus(t, push(t, s, staffA, a.batch(a.put("enterprise", "e1", "zone_id", `"zone-b"`))).Results[0],
		protocol.StatusRejected, "forbidden_zone")
	push(t, s, admin, root.batch(root.put("enterprise", "e1", "zone_id", `"zone-b"`)))
	recs, _ := pullAll(t, s, staffA, first.Cursor, 100)
	if len(recs) != 2 || !recs[0].Removed || !recs[1].Removed || recs[0].Fields != nil {
		t.Fatalf("staff A after move = %+v, want two removal markers without data", recs)
	}
	if recs, _ := pullAll(t, s, staffA, 0, 100); len(recs) != 0 {
		t.Fatalf("fresh device of zone A gets %+v", recs)
	}
	seen := byID(must(pullAll(t, s, staffB, 0, 100)))
	if len(seen) != 2 || string(seen["e1"].Fields["name"]) != `"甲"` || string(seen["c1"].Fields["name"]) != `"张三"` {
		t.Fatalf("staff B after move = %+v", seen)
	}
}

// testReferralSharing: a referral shares its enterprise and the
// enterprise's records with the receiving zone, until it is deleted.
func testReferralSharing(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	a, b := newClient("laptop-a"), newClient("laptop-b")
	push(t, s, staffA, a.batch(a.put("enterprise", "e1", "name", `"玩具厂"`),
		a.put("contact", "c1", "enterprise_id", `"e1"`, "name", `"张三"`),
		a.put("enterprise", "e2", "name", `"不转介"`)))
	if recs, _ := pullAll(t, s, staffB, 0, 100); len(recs) != 0 {
		t.Fatalf("staff B before referral sees %+v", recs)
	}
	push(t, s, staffA, a.batch(a.put("referral", "r1", "enterprise_id", `"e1"`, "from_zone", `"zone-a"`, "to_zone", `"zone-b"`)))
	seenB, cursorB := pullAll(t, s, staffB, 0, 100)
	got := byID(seenB)
	if len(got) != 3 || got["e1"].ID == "" || got["c1"].ID == "" || got["r1"].ID == "" {
		t.Fatalf("staff B after referral sees %v, want e1 c1 r1", ids(seenB))
	}
	// The receiving zone works on the candidate but cannot take it over.
	resp := push(t, s, staffB, b.batch(b.put("contact", "c1", "title", `"总经理"`),
		b.put("visit", "v1", "enterprise_id", `"e1"`, "date", `"2026-11-25"`),
		b.put("enterprise", "e1", "zone_id", `"zone-b"`)))
	wantStatus(t, resp.Results[0], protocol.StatusApplied, "")
	wantStatus(t, resp.Results[1], protocol.StatusApplied, "")
	wantStatus(t, resp.Results[2], protocol.StatusRejected, "forbidden_zone")
	if v := byID(must(pullAll(t, s, staffA, 0, 100)))["v1"]; v.ID == "" {
		t.Fatal("visit by the receiving zone not visible to the home zone")
	}
	// Deleting the referral withdraws the shared records from zone B.
	push(t, s, managerA, a.batch(a.del("referral", "r1")))
	recs, _ := pullAll(t, s, staffB, cursorB, 100)
	removed := map[string]bool{}
	for _, r := range recs {
		removed[r.ID] = r.Removed
	}
	if !removed["e1"] || !removed["c1"] || !removed["v1"] {
		t.Fatalf("after withdrawing the referral staff B gets %+v", recs)
	}
}

func testRejections(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	c := newClient("laptop1")
	bad := c.put("enterprise", "e1", "name", `"甲"`)
	bad.Versions["name"] = "not-a-stamp"
	req := c.batch(
		c.put("visit", "v1", "enterprise_id", `"nowhere"`, "date", `"2026-11-20"`),
		bad,
		c.put("enterprise", "e2", "name", `"乙"`),
	)
	resp := push(t, s, staffA, req)
	wantStatus(t, resp.Results[0], protocol.StatusRejected, "no_parent")
	wantStatus(t, resp.Results[1], protocol.StatusRejected, "bad_version")
	wantStatus(t, resp.Results[2], protocol.StatusApplied, "")
	again := push(t, s, staffA, req)
	if again.Results[0].Code != "no_parent" || again.Results[2].Seq != resp.Results[2].Seq {
		t.Fatalf("retry answered %+v", again.Results)
	}
}

func recsDeleted(t *testing.T, s store.Store) string {
	t.Helper()
	recs, _ := pullAll(t, s, admin, 1, 100)
	for _, r := range recs {
		if r.Deleted != "" {
			return r.Deleted
		}
	}
	t.Fatal("no tombstone")
	return ""
}

func mustParse(t *testing.T, s string) hlc.Stamp {
	t.Helper()
	st, err := hlc.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func must[T any](v T, _ uint64) T { return v }

var _ = context.Background
