package storage

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// TestResetSurvivesReopen: the list of records a re-download has not
// delivered lives in the file, so a download interrupted by closing the
// store still drops the right records when it completes; records with
// outbox entries stay.
func TestResetSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(ctx, path, Options{Author: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	pulled := []protocol.Record{remote("01JD0000000000000000000001", 1, "name", `"甲公司"`, stampOld),
		remote("01JD0000000000000000000002", 2, "name", `"乙公司"`, stampOld),
		remote("01JD0000000000000000000003", 3, "name", `"丙公司"`, stampOld)}
	if err := s.ApplyRemote(ctx, pulled, 3); err != nil {
		t.Fatal(err)
	}
	mine := &record.Enterprise{Name: "本机新建公司", Stage: record.StageLead}
	if err := s.Create(ctx, mine); err != nil {
		t.Fatal(err)
	}
	if n, err := s.FinishReset(ctx); err != nil || n != 0 {
		t.Fatalf("FinishReset without a reset = %d, %v", n, err)
	}
	if err := s.BeginReset(ctx); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.SyncState(ctx); st.Cursor != 0 {
		t.Fatalf("cursor %d after BeginReset", st.Cursor)
	}
	if err := s.ApplyRemote(ctx, pulled[:1], 10); err != nil { // first page, then the laptop closes
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path, Options{Author: "tester"})
	if err := s.ApplyRemote(ctx, pulled[2:], 12); err != nil { // the download resumes; 乙 is no longer sent
		t.Fatal(err)
	}
	n, err := s.FinishReset(ctx)
	if err != nil || n != 1 {
		t.Fatalf("FinishReset = %d, %v; want 乙 dropped", n, err)
	}
	if _, err := s.Get(ctx, pulled[1].ID); err == nil {
		t.Fatal("乙, absent from the download, is still here")
	}
	for _, id := range []string{pulled[0].ID, pulled[2].ID, mine.ID} {
		if _, err := s.Get(ctx, id); err != nil {
			t.Fatalf("%s was dropped: %v", id, err)
		}
	}
	if n, _ := s.Pending(ctx); n != 1 {
		t.Fatalf("pending %d, want the local create", n)
	}
	if hits, _ := s.Search(ctx, "乙公司", 10); len(hits) != 0 {
		t.Fatalf("search still finds the dropped record: %+v", hits)
	}
}
