package client

import (
	"context"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// deletedWhileEdited sets up the case of issue 4: a and b hold an
// enterprise with a contact; b edits the enterprise's notes offline,
// then a deletes the enterprise (and with it the contact) and syncs, then
// b syncs. b's edit is older than the delete but a never saw it.
func deletedWhileEdited(t *testing.T) (srv *testServer, a, b *laptop, e *record.Enterprise, c *record.Contact) {
	t.Helper()
	ctx := context.Background()
	srv = startServer(t, nil)
	a = newLaptop(t, "a", srv.url(), "alice", nil)
	b = newLaptop(t, "b", srv.url(), "carol", nil)
	e = &record.Enterprise{Name: "丽水恢复测试有限公司", Stage: record.StageLead}
	if err := a.store.Create(ctx, e); err != nil {
		t.Fatal(err)
	}
	c = &record.Contact{EnterpriseID: e.ID, Name: "王经理", Mobile: "13800000001"}
	if err := a.store.Create(ctx, c); err != nil {
		t.Fatal(err)
	}
	mustSync(t, a)
	mustSync(t, b)
	patch(t, b, e.ID, "notes", `"离线补记：下周再访"`)
	time.Sleep(2 * time.Millisecond) // the delete is later in wall time too
	if err := a.store.Delete(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	mustSync(t, a)
	mustSync(t, b)
	return srv, a, b, e, c
}

// restoreOffer returns the laptop's first after_delete conflict of a
// record (one per field edited; resolving one settles the record).
func restoreOffer(t *testing.T, l *laptop, recordID string) storage.Conflict {
	t.Helper()
	cs, err := l.store.Conflicts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []storage.Conflict
	for _, c := range cs {
		if c.RecordID == recordID && c.Reason == protocol.ReasonAfterDelete {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s: no restore offer for %s in %+v", l.name, recordID, cs)
	}
	return out[0]
}

// TestRestoreMyEditAfterDelete: the editor (b) gets its edit back as a
// restore offer and restores the record with its values; the server and
// the laptop that deleted it get it back, with the contact deleted with it.
func TestRestoreMyEditAfterDelete(t *testing.T) {
	ctx := context.Background()
	srv, a, b, e, c := deletedWhileEdited(t)
	if _, err := b.store.Get(ctx, e.ID); err == nil {
		t.Fatal("b still shows the enterprise a deleted")
	}
	offer := restoreOffer(t, b, e.ID)
	if cs, _ := b.store.Conflicts(ctx); len(cs) != 1 {
		t.Fatalf("offers %+v, want only the notes a never saw", cs)
	}
	if string(offer.Value) != `"离线补记：下周再访"` || offer.Field != "notes" {
		t.Fatalf("offer = %+v, want b's notes", offer)
	}
	if err := b.store.Resolve(ctx, offer.ID, storage.KeepMine); err != nil {
		t.Fatal(err)
	}
	// Back at once on b, with every field, not only the edited one.
	got, err := b.store.Get(ctx, e.ID)
	if err != nil {
		t.Fatalf("b after restore: %v", err)
	}
	if ent := got.(*record.Enterprise); ent.Name != e.Name || ent.Notes != "离线补记：下周再访" {
		t.Fatalf("b restored %+v", ent)
	}
	mustSync(t, b)
	mustSync(t, a)
	mustSync(t, b)
	ss := serverState(t, srv)
	if ss.records[e.ID]["notes"] != `"离线补记：下周再访"` {
		t.Fatalf("server after restore: %v", ss.records[e.ID])
	}
	if _, ok := ss.records[c.ID]; !ok {
		t.Fatal("the contact deleted with the enterprise was not restored on the server")
	}
	for _, l := range []*laptop{a, b} {
		ls := localState(t, l.store)
		if d := diffStates(ls, ss); d != "" {
			t.Fatalf("%s vs server: %s", l.name, d)
		}
		if cs, _ := l.store.Conflicts(ctx); len(cs) != 0 {
			t.Fatalf("%s keeps conflicts %+v", l.name, cs)
		}
		if _, ok, _ := l.store.Tombstone(ctx, e.ID); ok {
			t.Fatalf("%s keeps a tombstone for the restored enterprise", l.name)
		}
	}
}

// TestRestoreOfferOnDeleter: the laptop that deleted (a) is offered b's
// later edit as a restore too, and can restore it from its side.
func TestRestoreOfferOnDeleter(t *testing.T) {
	ctx := context.Background()
	srv, a, b, e, c := deletedWhileEdited(t)
	mustSync(t, a)
	offer := restoreOffer(t, a, e.ID)
	if err := a.store.Resolve(ctx, offer.ID, storage.KeepMine); err != nil {
		t.Fatal(err)
	}
	mustSync(t, a)
	mustSync(t, b)
	ss := serverState(t, srv)
	if ss.records[e.ID]["notes"] != `"离线补记：下周再访"` || ss.records[c.ID] == nil {
		t.Fatalf("server after a restored: %v", ss.records)
	}
	for _, l := range []*laptop{a, b} {
		if d := diffStates(localState(t, l.store), ss); d != "" {
			t.Fatalf("%s vs server: %s", l.name, d)
		}
	}
}

// TestKeepDeletedDropsTheOffer: --keep theirs keeps the record deleted on
// every replica and the offer disappears everywhere, so the server may
// purge the tombstone.
func TestKeepDeletedDropsTheOffer(t *testing.T) {
	ctx := context.Background()
	srv, a, b, e, _ := deletedWhileEdited(t)
	offer := restoreOffer(t, b, e.ID)
	if err := b.store.Resolve(ctx, offer.ID, storage.KeepTheirs); err != nil {
		t.Fatal(err)
	}
	mustSync(t, b)
	mustSync(t, a)
	for _, l := range []*laptop{a, b} {
		if _, err := l.store.Get(ctx, e.ID); err == nil {
			t.Fatalf("%s shows the enterprise kept deleted", l.name)
		}
		if cs, _ := l.store.Conflicts(ctx); len(cs) != 0 {
			t.Fatalf("%s keeps conflicts %+v", l.name, cs)
		}
	}
	if _, ok := serverState(t, srv).records[e.ID]; ok {
		t.Fatal("the server shows the enterprise kept deleted")
	}
	srv.mu.Lock()
	n, err := srv.st.Purge(ctx, time.Now().Add(time.Hour))
	srv.mu.Unlock()
	if err != nil || n != 2 {
		t.Fatalf("Purge = %d, %v; want the enterprise and its contact", n, err)
	}
}
