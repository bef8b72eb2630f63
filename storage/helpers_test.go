package storage

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/record"
)

// testClock is a settable wall clock for Options.Now.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newTestClock() *testClock { return &testClock{t: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// openTest opens a fresh store in a temp dir and closes it at cleanup.
func openTest(t testing.TB) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), FileName), Options{Author: "tester", Now: newTestClock().Now})
}

func openAt(t testing.TB, path string, opts Options) *Store {
	t.Helper()
	s, err := Open(context.Background(), path, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil { // closing twice is a no-op in bbolt
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// creditCode returns a valid credit code from 17 characters.
func creditCode(t testing.TB, first17 string) string {
	t.Helper()
	c, err := record.CreditCodeCheckChar(first17)
	if err != nil {
		t.Fatalf("check char of %s: %v", first17, err)
	}
	return first17 + string(c)
}

func mustCreate(t testing.TB, s *Store, rec record.Record) string {
	t.Helper()
	if err := s.Create(context.Background(), rec); err != nil {
		t.Fatalf("Create %s: %v", rec.Kind(), err)
	}
	return rec.Header().ID
}

func newEnt(name string) *record.Enterprise { return &record.Enterprise{Name: name} }

func newContact(ent, name, mobile string) *record.Contact {
	return &record.Contact{EnterpriseID: ent, Name: name, Mobile: mobile}
}

// mustHealthy fails the test when Doctor finds anything.
func mustHealthy(t testing.TB, s *Store) {
	t.Helper()
	found, err := s.Doctor(context.Background())
	if err != nil {
		t.Fatalf("Doctor: %v", err)
	}
	for _, f := range found {
		t.Errorf("Doctor: %+v", f)
	}
}

// outboxOps lists "op kind" of every outbox change, oldest first.
func outboxOps(t testing.TB, s *Store) []string {
	t.Helper()
	chs, err := s.Outbox(context.Background(), 0)
	if err != nil {
		t.Fatalf("Outbox: %v", err)
	}
	var out []string
	for _, c := range chs {
		out = append(out, string(c.Op)+" "+string(c.Kind))
	}
	return out
}
