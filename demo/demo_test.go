package demo

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// TestLoadIntoRealStore loads the demo set into a real store: every record
// passes validation, and the counts per kind are what the data set says.
func TestLoadIntoRealStore(t *testing.T) {
	ctx := context.Background()
	s, err := storage.Open(ctx, filepath.Join(t.TempDir(), storage.FileName), storage.Options{Author: "测试"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	today := time.Date(2026, 11, 26, 0, 0, 0, 0, time.Local)
	n, err := Load(ctx, s, today)
	if err != nil {
		t.Fatal(err)
	}
	want := map[record.Kind]int{record.KindEnterprise: Size(), record.KindContact: Size(), record.KindReferral: len(referrals)}
	for _, c := range companies {
		if c.project != "" {
			want[record.KindProject]++
		}
		if c.visit != "" {
			want[record.KindVisit]++
		}
		if c.task != "" {
			want[record.KindTask]++
		}
	}
	if n != Size() || n < 20 {
		t.Errorf("Load = %d, want %d (at least 20)", n, Size())
	}
	for kind, w := range want {
		if got, err := s.Count(ctx, kind); err != nil || got != w {
			t.Errorf("%s: count %d, %v; want %d", kind, got, err, w)
		}
	}
	due, err := s.List(ctx, record.KindTask, storage.ListOptions{DueBefore: "2026-11-26"})
	if err != nil || len(due) == 0 {
		t.Errorf("tasks due today: %d, %v; want some", len(due), err)
	}
}
