package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/server/store"
)

func testPurge(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	ctx := context.Background()
	a := newClient("laptop-a")
	// The client clock reads now, so e1's delete stamp is now.
	first := push(t, s, staffA, a.batch(a.put("enterprise", "e1", "name", `"甲"`), a.put("enterprise", "e2", "name", `"乙"`),
		a.put("enterprise", "e3", "name", `"丙"`)))
	// e3 lives in zone-b: a purge must clear zone-b's index too.
	push(t, s, admin, a.batch(a.put("enterprise", "e3", "zone_id", `"zone-b"`)))
	push(t, s, managerA, a.batch(a.del("enterprise", "e1")))
	_, caughtUp := pullAll(t, s, admin, 0, 100)
	deleted := push(t, s, admin, a.batch(a.del("enterprise", "e3")))

	steps := []struct {
		name   string
		before time.Time
		want   int
	}{
		{"younger than the retention: kept", now.Add(-time.Hour), 0},
		{"older than the retention: purged", now.Add(time.Hour), 2},
		{"nothing left to purge", now.Add(time.Hour), 0},
	}
	if h, err := s.Horizon(ctx); err != nil || h != 0 {
		t.Fatalf("Horizon before any purge = %d, %v", h, err)
	}
	for _, st := range steps {
		n, err := s.Purge(ctx, st.before)
		if err != nil || n != st.want {
			t.Fatalf("%s: Purge = %d, %v; want %d", st.name, n, err, st.want)
		}
	}
	pulls := []struct {
		name      string
		who       store.Principal
		after     uint64
		wantReset bool
		wantIDs   []string
	}{
		{"cursor before the purged tombstones", staffA, first.Cursor, true, nil},
		{"cursor between purged tombstones", admin, caughtUp, true, nil},
		{"from 0", staffA, 0, false, []string{"e2"}},
		{"from 0, admin", admin, 0, false, []string{"e2"}},
		{"caught up", staffA, deleted.Cursor, false, nil},
	}
	h, err := s.Horizon(ctx)
	if err != nil || h != deleted.Cursor {
		t.Fatalf("Horizon = %d, %v; want %d, the last purged tombstone", h, err, deleted.Cursor)
	}
	for _, p := range pulls {
		if got := store.Behind(p.after, h); got != p.wantReset {
			t.Fatalf("%s: Behind(%d, %d) = %v, want %v", p.name, p.after, h, got, p.wantReset)
		}
		if p.wantReset {
			continue
		}
		page, err := s.Pull(ctx, p.who, p.after, 100)
		if err != nil {
			t.Fatalf("%s: Pull: %v", p.name, err)
		}
		recs, err := page.Decode()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != len(p.wantIDs) {
			t.Fatalf("%s: pulled %+v, want %v", p.name, recs, p.wantIDs)
		}
		for i, id := range p.wantIDs {
			if recs[i].ID != id {
				t.Fatalf("%s: pulled %+v, want %v", p.name, recs, p.wantIDs)
			}
		}
	}
	// A purged record's ID can be used again: an edit now creates it.
	push(t, s, staffA, a.batch(a.put("enterprise", "e1", "name", `"甲二"`)))
	recs, _ := pullAll(t, s, staffA, deleted.Cursor, 100)
	if len(recs) != 1 || recs[0].ID != "e1" || recs[0].Deleted != "" {
		t.Fatalf("edit after purge: %+v", recs)
	}
}
