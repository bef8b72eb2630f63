package client

import (
	"context"
	"slices"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

// TestPulledHistoryNamesAuthor: the server passes on who last changed a
// record (the signed-in user, not the client's claim), so a change that
// arrives by sync shows in the other laptop's history under that name.
func TestPulledHistoryNamesAuthor(t *testing.T) {
	ctx := context.Background()
	srv := startServer(t, nil)
	a := newLaptop(t, "a", srv.url(), "alice", nil)
	b := newLaptop(t, "b", srv.url(), "carol", nil)
	e := &record.Enterprise{Name: "丽水智造有限公司", Stage: record.StageLead}
	if err := a.store.Create(ctx, e); err != nil {
		t.Fatal(err)
	}
	mustSync(t, a)
	mustSync(t, b)
	patch(t, a, e.ID, "address", `"丽水市莲都区"`)
	mustSync(t, a)
	mustSync(t, b)
	hist, err := b.store.History(ctx, e.ID)
	if err != nil || len(hist) == 0 {
		t.Fatalf("history on b: %+v %v", hist, err)
	}
	last := hist[len(hist)-1]
	if last.Author != "alice" || !slices.Contains(last.Fields, "address") {
		t.Fatalf("b's last history entry = %+v, want alice changing address", last)
	}
}
