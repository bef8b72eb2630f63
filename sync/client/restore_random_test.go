package client

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/storage"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// TestRandomDeletesAndRestoresConverge: three laptops create enterprises
// and contacts, edit them, delete enterprises and settle restore offers
// both ways, offline, and sync in random orders. After every round all
// laptops hold what the server holds, and no laptop (and, after every
// single sync, not the server) keeps a contact whose enterprise is gone.
// 40 seeds passed when this was written; 6 run here.
func TestRandomDeletesAndRestoresConverge(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			ctx := context.Background()
			rng := rand.New(rand.NewPCG(seed, seed*104729))
			srv := startServer(t, nil)
			laptops := []*laptop{
				newLaptop(t, "l1", srv.url(), "alice", nil),
				newLaptop(t, "l2", srv.url(), "carol", nil),
				newLaptop(t, "l3", srv.url(), "dave", nil),
			}
			offers, restores := 0, 0
			for round := range 12 {
				for _, l := range laptops {
					for op := range 1 + rng.IntN(4) {
						o, r := restoreRandomOp(t, rng, l, fmt.Sprintf("%s-%d-%d", l.name, round, op))
						offers, restores = offers+o, restores+r
					}
				}
				for range 2 {
					for _, i := range rng.Perm(len(laptops)) {
						ob, _ := laptops[i].store.Outbox(ctx, 0)
						mustSync(t, laptops[i])
						if o := serverOrphan(t, srv); o != "" {
							for _, c := range ob {
								t.Logf("pushed by %s: %s %s %s %v %v", laptops[i].name, c.Op, c.Kind, c.RecordID, c.Versions, c.Bases)
							}
							dumpServer(t, srv)
							t.Fatalf("orphan after %s synced: %s", laptops[i].name, o)
						}
					}
				}
				ss := serverState(t, srv)
				for _, l := range laptops {
					if d := diffStates(localState(t, l.store), ss); d != "" {
						t.Fatalf("seed %d round %d: %s vs server: %s", seed, round, l.name, d)
					}
					if issues, err := l.store.Doctor(ctx); err != nil || len(issues) != 0 {
						dumpServer(t, srv)
						t.Fatalf("seed %d round %d: %s Doctor: %+v, %v", seed, round, l.name, issues, err)
					}
				}
			}
			if offers == 0 || restores == 0 {
				t.Fatalf("seed %d: %d offers seen, %d restored: too tame", seed, offers, restores)
			}
			t.Logf("seed %d: %d restore offers settled, %d by restoring", seed, offers, restores)
		})
	}
}

// restoreRandomOp makes one random offline change on l and returns
// whether it settled a restore offer, and whether by restoring.
func restoreRandomOp(t *testing.T, rng *rand.Rand, l *laptop, tag string) (offers, restores int) {
	ctx := context.Background()
	ents, err := l.store.List(ctx, record.KindEnterprise, storageAll)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := l.store.Conflicts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var open []storage.Conflict
	for _, c := range cs {
		if c.Reason == protocol.ReasonAfterDelete {
			open = append(open, c)
		}
	}
	p := rng.IntN(100)
	hot := ents[:min(2, len(ents))] // laptops collide on a few records
	pick := func() string {
		if rng.IntN(4) == 0 {
			return ents[rng.IntN(len(ents))].Header().ID
		}
		return hot[rng.IntN(len(hot))].Header().ID
	}
	switch {
	case len(open) > 0 && p < 60:
		keep := storage.KeepMine
		if rng.IntN(3) == 0 {
			keep = storage.KeepTheirs
		}
		if err := l.store.Resolve(ctx, open[rng.IntN(len(open))].ID, keep); err != nil {
			t.Fatalf("%s: resolve: %v", l.name, err)
		}
		if keep == storage.KeepMine {
			return 1, 1
		}
		return 1, 0
	case len(ents) < 3 || p < 30:
		if err := l.store.Create(ctx, &record.Enterprise{Name: "企业 " + tag, Stage: record.StageLead}); err != nil {
			t.Fatal(err)
		}
	case p < 55:
		e := pick()
		if err := l.store.Create(ctx, &record.Contact{EnterpriseID: e, Name: "联系人 " + tag}); err != nil {
			t.Fatal(err)
		}
	case p < 85:
		patch(t, l, pick(), "notes", fmt.Sprintf("%q", "备注 "+tag))
	default:
		if err := l.store.Delete(ctx, pick()); err != nil {
			t.Fatal(err)
		}
	}
	return 0, 0
}

// dumpServer logs every record the server holds, tombstones included,
// to explain a failure.
func dumpServer(t *testing.T, srv *testServer) {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	admin := storeAdmin()
	page, _ := srv.st.Pull(context.Background(), admin, 1, 2000)
	recs, _ := page.Decode()
	for _, r := range recs {
		t.Logf("%s %s deleted=%q fields=%s", r.Kind, r.ID, r.Deleted, r.Fields["enterprise_id"])
	}
}

// storeAdmin sees every zone.
func storeAdmin() store.Principal {
	return store.Principal{Name: "root", Zone: "zone-a", Role: store.RoleAdmin}
}

// serverOrphan names a live contact whose enterprise is a tombstone on
// the server, or returns "".
func serverOrphan(t *testing.T, srv *testServer) string {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	page, _ := srv.st.Pull(context.Background(), storeAdmin(), 1, 2000)
	recs, _ := page.Decode()
	dead := map[string]bool{}
	for _, r := range recs {
		if r.Kind == "enterprise" && r.Deleted != "" {
			dead[r.ID] = true
		}
	}
	for _, r := range recs {
		var e string
		_ = json.Unmarshal(r.Fields["enterprise_id"], &e)
		if r.Kind == "contact" && r.Deleted == "" && dead[e] {
			return r.ID + " under " + e
		}
	}
	return ""
}
