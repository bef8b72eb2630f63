package client

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/record"
)

// TestResetKeepsUnsentEdits: a laptop offline past the tombstone
// retention comes back with unsent edits; the server answers its pull
// with 410 reset_required; it re-downloads from 0 and nothing it typed is
// lost.
func TestResetKeepsUnsentEdits(t *testing.T) {
	ctx := context.Background()
	srv := startServer(t, nil)
	a := newLaptop(t, "a", srv.url(), "alice", nil)
	b := newLaptop(t, "b", srv.url(), "carol", nil)
	e1 := &record.Enterprise{Name: "衢州新材料有限公司", Stage: record.StageLead}
	e2 := &record.Enterprise{Name: "湖州智能装备有限公司", Stage: record.StageLead}
	for _, e := range []*record.Enterprise{e1, e2} {
		if err := a.store.Create(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	// Enough records that the re-download takes several pages (laptops
	// pull 5 a page), each with a cursor below the purge horizon.
	for i := range 12 {
		if err := a.store.Create(ctx, &record.Enterprise{Name: fmt.Sprintf("温州企业%02d有限公司", i), Stage: record.StageLead}); err != nil {
			t.Fatal(err)
		}
	}
	mustSync(t, a)
	mustSync(t, b)
	// a deletes e1; b, offline, never sees the tombstone and edits.
	if err := a.store.Delete(ctx, e1.ID); err != nil {
		t.Fatal(err)
	}
	mustSync(t, a)
	e3 := &record.Enterprise{Name: "丽水离线新建有限公司", Stage: record.StageLead}
	if err := b.store.Create(ctx, e3); err != nil {
		t.Fatal(err)
	}
	patch(t, b, e2.ID, "notes", `"离线补记"`)
	if n, _ := b.store.Pending(ctx); n != 2 {
		t.Fatalf("b has %d pending edits, want 2", n)
	}
	srv.mu.Lock()
	purged, err := srv.st.Purge(ctx, time.Now().Add(time.Hour))
	srv.mu.Unlock()
	if err != nil || purged != 1 {
		t.Fatalf("Purge = %d, %v; want 1", purged, err)
	}

	rep := mustSync(t, b)
	if !rep.Reset || rep.Pending != 0 || rep.Pages < 3 {
		t.Fatalf("b's sync: %+v, want a reset over several pages with nothing pending", rep)
	}
	ss := serverState(t, srv)
	if got := ss.records[e2.ID]["notes"]; got != `"离线补记"` {
		t.Fatalf("server e2.notes = %s: b's unsent edit was lost", got)
	}
	if _, ok := ss.records[e3.ID]; !ok {
		t.Fatal("b's offline enterprise is not on the server")
	}
	if got := localState(t, b.store).records[e2.ID]["notes"]; got != `"离线补记"` {
		t.Fatalf("b's local e2.notes = %s after the re-download", got)
	}
	// The next syncs are ordinary again, and a converges with b.
	if rep := mustSync(t, b); rep.Reset {
		t.Fatalf("second sync reset again: %+v", rep)
	}
	if rep := mustSync(t, a); rep.Reset {
		t.Fatalf("a, never behind, was reset: %+v", rep)
	}
	if got := localState(t, a.store).records[e3.ID]; got == nil {
		t.Fatal("a did not receive b's enterprise")
	}
}

// TestResetSendsOutboxFirst drives reset directly with edits still in the
// outbox (made after the push, before the 410): they reach the server and
// survive the full download.
func TestResetSendsOutboxFirst(t *testing.T) {
	ctx := context.Background()
	srv := startServer(t, nil)
	b := newLaptop(t, "b", srv.url(), "carol", nil)
	e := &record.Enterprise{Name: "嘉兴跨境电商有限公司", Stage: record.StageLead}
	if err := b.store.Create(ctx, e); err != nil {
		t.Fatal(err)
	}
	mustSync(t, b)
	patch(t, b, e.ID, "notes", `"重置前未上传"`)
	st, err := b.store.SyncState(ctx)
	if err != nil || st.Cursor == 0 {
		t.Fatalf("sync state %+v, %v", st, err)
	}
	var rep Report
	if err := b.sync.reset(ctx, &st, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Pushed != 1 || !rep.Reset || rep.Pulled != 1 {
		t.Fatalf("reset report %+v, want 1 pushed, 1 pulled", rep)
	}
	if got := serverState(t, srv).records[e.ID]["notes"]; got != `"重置前未上传"` {
		t.Fatalf("server notes = %s", got)
	}
	if n, _ := b.store.Pending(ctx); n != 0 {
		t.Fatalf("%d edits still pending", n)
	}
}

// TestResetDropsPurgedRecords: while b is offline, a deletes two
// enterprises (one with a contact) and the server purges their
// tombstones. b's re-download then removes the first with its contact,
// keeps the second, which b edited meanwhile, and sends that edit again;
// every other record stays.
func TestResetDropsPurgedRecords(t *testing.T) {
	ctx := context.Background()
	srv := startServer(t, nil)
	a := newLaptop(t, "a", srv.url(), "alice", nil)
	b := newLaptop(t, "b", srv.url(), "carol", nil)
	gone := &record.Enterprise{Name: "已注销企业有限公司", Stage: record.StageLead}
	edited := &record.Enterprise{Name: "离线仍在跟进有限公司", Stage: record.StageLead}
	stays := &record.Enterprise{Name: "一直都在有限公司", Stage: record.StageLead}
	for _, e := range []*record.Enterprise{gone, edited, stays} {
		if err := a.store.Create(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	contact := &record.Contact{EnterpriseID: gone.ID, Name: "李会计"}
	if err := a.store.Create(ctx, contact); err != nil {
		t.Fatal(err)
	}
	for i := range 12 { // several pages, each below the purge horizon
		if err := a.store.Create(ctx, &record.Enterprise{Name: fmt.Sprintf("台州企业%02d有限公司", i), Stage: record.StageLead}); err != nil {
			t.Fatal(err)
		}
	}
	mustSync(t, a)
	mustSync(t, b)
	for _, id := range []string{gone.ID, edited.ID} {
		if err := a.store.Delete(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	mustSync(t, a)
	patch(t, b, edited.ID, "notes", `"离线时还在谈"`)
	srv.mu.Lock()
	purged, err := srv.st.Purge(ctx, time.Now().Add(time.Hour))
	srv.mu.Unlock()
	if err != nil || purged != 3 {
		t.Fatalf("Purge = %d, %v; want 3", purged, err)
	}

	rep := mustSync(t, b)
	if !rep.Reset || rep.Dropped != 2 {
		t.Fatalf("b's sync: %+v, want a reset that drops the enterprise and its contact", rep)
	}
	for _, id := range []string{gone.ID, contact.ID} {
		if _, err := b.store.Get(ctx, id); err == nil {
			t.Errorf("%s, purged on the server, is still on b", id)
		}
	}
	got, err := b.store.Get(ctx, edited.ID)
	if err != nil || got.(*record.Enterprise).Notes != "离线时还在谈" || got.(*record.Enterprise).Name != edited.Name {
		t.Fatalf("b's edited enterprise after the reset: %+v, %v", got, err)
	}
	if ss := serverState(t, srv); ss.records[edited.ID]["notes"] != `"离线时还在谈"` || ss.records[edited.ID]["name"] == "" {
		t.Fatalf("b's kept record was not sent again whole: %v", ss.records[edited.ID])
	}
	if _, err := b.store.Get(ctx, stays.ID); err != nil {
		t.Fatalf("a record the server still has was dropped: %v", err)
	}
	if n := len(localState(t, b.store).records); n != 14 {
		t.Fatalf("b holds %d records, want 14", n)
	}
	if rep := mustSync(t, b); rep.Reset || rep.Dropped != 0 {
		t.Fatalf("the next sync: %+v", rep)
	}
	if incs, err := b.store.Doctor(ctx); err != nil || len(incs) != 0 {
		t.Fatalf("Doctor after the reset: %+v, %v", incs, err)
	}
}
