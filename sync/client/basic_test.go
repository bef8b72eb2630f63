package client

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

var storageAll = storage.ListOptions{}

func TestSyncTwoLaptopsMergeAndConflict(t *testing.T) {
	ctx := context.Background()
	srv := startServer(t, nil)
	a := newLaptop(t, "a", srv.url(), "alice", nil)
	b := newLaptop(t, "b", srv.url(), "carol", nil)

	e := &record.Enterprise{Name: "丽水智造有限公司", Stage: record.StageLead}
	if err := a.store.Create(ctx, e); err != nil {
		t.Fatal(err)
	}
	mustSync(t, a)
	if rep := mustSync(t, b); rep.Pulled != 1 {
		t.Fatalf("b pulled %d records, want 1", rep.Pulled)
	}
	// Different fields merge; the same field conflicts.
	patch(t, a, e.ID, "address", `"丽水市莲都区"`)
	patch(t, a, e.ID, "notes", `"A 的备注"`)
	patch(t, b, e.ID, "notes", `"B 的备注"`)
	mustSync(t, a)
	mustSync(t, b)
	mustSync(t, a)
	sa, sb, ss := localState(t, a.store), localState(t, b.store), serverState(t, srv)
	if d := diffStates(sa, ss); d != "" {
		t.Fatalf("a vs server: %s", d)
	}
	if d := diffStates(sb, ss); d != "" {
		t.Fatalf("b vs server: %s", d)
	}
	if got := sa.records[e.ID]["address"]; got != `"丽水市莲都区"` {
		t.Fatalf("address = %s, the other field's edit was lost", got)
	}
	if len(sa.conflicts) != 1 {
		t.Fatalf("conflicts = %v, want the losing note", sa.conflicts)
	}
	cs, err := a.store.Conflicts(ctx)
	if err != nil || len(cs) != 1 {
		t.Fatalf("Conflicts = %v, %v", cs, err)
	}
	winner := sa.records[e.ID]["notes"]
	loser := string(cs[0].Value)
	if winner == loser || (loser != `"A 的备注"` && loser != `"B 的备注"`) {
		t.Fatalf("winner %s, conflict value %s", winner, loser)
	}
	// Flip it on a: the loser becomes the value everywhere and the
	// conflict disappears everywhere.
	if err := a.store.Resolve(ctx, cs[0].ID, "mine"); err != nil {
		t.Fatal(err)
	}
	mustSync(t, a)
	mustSync(t, b)
	sa, sb = localState(t, a.store), localState(t, b.store)
	if got := sb.records[e.ID]["notes"]; got != loser {
		t.Fatalf("after resolve, b has notes %s, want %s", got, loser)
	}
	if len(sa.conflicts)+len(sb.conflicts) != 0 {
		t.Fatalf("conflicts left after resolve: %v %v", sa.conflicts, sb.conflicts)
	}
	// A delete reaches the other laptop as a tombstone.
	if err := b.store.Delete(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	mustSync(t, b)
	mustSync(t, a)
	if _, err := a.store.Get(ctx, e.ID); err == nil {
		t.Fatal("record deleted on b is still on a")
	}
	if _, ok, _ := a.store.Tombstone(ctx, e.ID); !ok {
		t.Fatal("no tombstone on a")
	}
	if n, _ := a.store.Pending(ctx); n != 0 {
		t.Fatalf("applying remote data left %d outbox entries", n)
	}
}

func TestSyncErrors(t *testing.T) {
	ctx := context.Background()
	srv := startServer(t, nil)
	a := newLaptop(t, "a", srv.url(), "alice", nil)
	if _, err := a.sync.Login(ctx, srv.url(), "alice", "wrong"); !errors.Is(err, ErrBadLogin) {
		t.Fatalf("bad password: %v", err)
	}
	if err := a.store.UpdateSyncState(ctx, func(st *storage.SyncState) error { st.Token = "forged"; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := a.sync.Sync(ctx); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("forged token: %v", err)
	}
	st, _ := a.store.SyncState(ctx)
	if st.LastError == "" || st.LastErrorZh == "" {
		t.Fatalf("last error not kept: %+v", st)
	}
	if err := a.sync.Logout(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := a.sync.Sync(ctx); !errors.Is(err, ErrNotLoggedIn) {
		t.Fatalf("logged out: %v", err)
	}
}

func mustSync(t *testing.T, l *laptop) Report {
	t.Helper()
	rep, err := l.sync.Sync(context.Background())
	if err != nil {
		t.Fatalf("sync %s: %v", l.name, err)
	}
	return rep
}

func patch(t *testing.T, l *laptop, id, field, value string) record.Record {
	t.Helper()
	rec, err := l.store.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	out, err := l.store.Patch(context.Background(), rec.Kind(), id, map[string]json.RawMessage{field: json.RawMessage(value)})
	if err != nil {
		t.Fatalf("patch %s.%s on %s: %v", id, field, l.name, err)
	}
	return out
}

func TestRejectedChangeIsSetAsideAndTheRestApplies(t *testing.T) {
	ctx := context.Background()
	srv := startServer(t, nil)
	b := newLaptop(t, "b", srv.url(), "bob", nil) // staff of zone-b
	foreign := &record.Enterprise{Name: "别区企业", Stage: record.StageLead, ZoneID: "zone-a"}
	own := &record.Enterprise{Name: "本区企业", Stage: record.StageLead}
	for _, e := range []*record.Enterprise{foreign, own} {
		if err := b.store.Create(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	rep := mustSync(t, b)
	if rep.Pushed != 2 || rep.Rejected != 1 || len(rep.Messages) != 1 || rep.Messages[0] == "" {
		t.Fatalf("report = %+v, want 2 acknowledged of which 1 rejected with a message", rep)
	}
	rej, err := b.store.RejectedChanges(ctx)
	if err != nil || len(rej) != 1 || rej[0].Change.RecordID != foreign.ID || rej[0].Code == "" {
		t.Fatalf("set aside = %+v, %v", rej, err)
	}
	if n, _ := b.store.Pending(ctx); n != 0 {
		t.Fatalf("pending = %d: the rejected change must not block the outbox", n)
	}
	if _, ok := serverState(t, srv).records[own.ID]; !ok {
		t.Fatal("the good change did not reach the server")
	}
}
