package client

import (
	"context"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// TestChildOfDeletedEnterprise: b logs a visit and adds a contact for an
// enterprise offline while a deletes the enterprise. Whichever arrives
// first, no laptop keeps a contact or visit whose enterprise is gone:
// they are deleted with it and offered as restores, and restoring one
// brings the enterprise back with them.
func TestChildOfDeletedEnterprise(t *testing.T) {
	for _, bFirst := range []bool{false, true} {
		name := "delete first"
		if bFirst {
			name = "children first"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			srv := startServer(t, nil)
			a := newLaptop(t, "a", srv.url(), "alice", nil)
			b := newLaptop(t, "b", srv.url(), "carol", nil)
			e := &record.Enterprise{Name: "金华孤儿测试有限公司", Stage: record.StageLead}
			if err := a.store.Create(ctx, e); err != nil {
				t.Fatal(err)
			}
			mustSync(t, a)
			mustSync(t, b)
			c := &record.Contact{EnterpriseID: e.ID, Name: "赵总"}
			v := &record.Visit{EnterpriseID: e.ID, Date: "2026-11-25", Summary: "现场踏勘"}
			for _, r := range []record.Record{c, v} {
				if err := b.store.Create(ctx, r); err != nil {
					t.Fatal(err)
				}
			}
			if err := a.store.Delete(ctx, e.ID); err != nil {
				t.Fatal(err)
			}
			order := []*laptop{a, b, a, b}
			if bFirst {
				order = []*laptop{b, a, b, a}
			}
			for _, l := range order {
				mustSync(t, l)
			}
			for _, l := range []*laptop{a, b} {
				if issues, err := l.store.Doctor(ctx); err != nil || len(issues) != 0 {
					t.Fatalf("%s: Doctor = %+v, %v", l.name, issues, err)
				}
				for _, id := range []string{c.ID, v.ID} {
					if _, err := l.store.Get(ctx, id); err == nil {
						t.Fatalf("%s keeps %s of the deleted enterprise", l.name, id)
					}
				}
			}
			if _, ok := serverState(t, srv).records[c.ID]; ok {
				t.Fatal("the server keeps the contact of a deleted enterprise alive")
			}
			// b's new contact is offered back, and restoring it restores
			// the enterprise and the visit.
			offer := restoreOffer(t, b, c.ID)
			if err := b.store.Resolve(ctx, offer.ID, storage.KeepMine); err != nil {
				t.Fatal(err)
			}
			mustSync(t, b)
			mustSync(t, a)
			mustSync(t, b)
			ss := serverState(t, srv)
			for _, id := range []string{e.ID, c.ID, v.ID} {
				if _, ok := ss.records[id]; !ok {
					t.Fatalf("%s not restored on the server", id)
				}
			}
			for _, l := range []*laptop{a, b} {
				if d := diffStates(localState(t, l.store), ss); d != "" {
					t.Fatalf("%s vs server: %s", l.name, d)
				}
			}
		})
	}
}
