package storage

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/hlc"
	bolt "go.etcd.io/bbolt"
)

func TestDefaultDir(t *testing.T) {
	tests := []struct {
		name, env string
		want      func() string
	}{
		{"env wins", "/data/shanhai-x", func() string { return "/data/shanhai-x" }},
		{"user config dir", "", func() string { return filepath.Join(t.TempDir(), "cfg", "shanhai") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want()
			t.Setenv("SHANHAI_DATA", tt.env)
			t.Setenv("XDG_CONFIG_HOME", filepath.Dir(filepath.Dir(want))+"/cfg")
			got, err := DefaultDir()
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Fatalf("DefaultDir = %q, want %q", got, want)
			}
			p, err := DefaultPath()
			if err != nil || p != filepath.Join(want, FileName) {
				t.Fatalf("DefaultPath = %q, %v", p, err)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string)
		want    error
	}{
		{"second open while first holds the file", func(t *testing.T, path string) {
			openAt(t, path, Options{})
		}, ErrInUse},
		{"file from a newer program", func(t *testing.T, path string) {
			s := openAt(t, path, Options{})
			if err := s.db.Update(func(tx *bolt.Tx) error {
				return tx.Bucket(bucketMeta).Put(metaVersion, []byte("99"))
			}); err != nil {
				t.Fatal(err)
			}
			s.Close()
		}, ErrTooNew},
		{"corrupt version", func(t *testing.T, path string) {
			s := openAt(t, path, Options{})
			if err := s.db.Update(func(tx *bolt.Tx) error {
				return tx.Bucket(bucketMeta).Put(metaVersion, []byte("two"))
			}); err != nil {
				t.Fatal(err)
			}
			s.Close()
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), FileName)
			tt.prepare(t, path)
			start := time.Now()
			s, err := Open(ctx, path, Options{LockTimeout: 100 * time.Millisecond})
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("Open error %v, want %v", err, tt.want)
			}
			if time.Since(start) > 5*time.Second {
				t.Fatalf("Open hung for %v", time.Since(start))
			}
		})
	}
}

func TestNodeAndClockSurviveReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	clock := newTestClock()
	s := openAt(t, path, Options{Now: clock.Now})
	node := s.Node()
	if node == "" {
		t.Fatal("no node id generated")
	}
	e := newEnt("临海星光工艺品有限公司")
	mustCreate(t, s, e)
	before, err := hlc.Parse(e.Versions["name"])
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	// The laptop's clock is set back a day: stamps must still go forward.
	clock.Set(clock.Now().Add(-24 * time.Hour))
	s = openAt(t, path, Options{Now: clock.Now})
	if s.Node() != node {
		t.Fatalf("node after reopen = %q, want %q", s.Node(), node)
	}
	got, err := s.Patch(ctx, e.Kind(), e.ID, map[string]json.RawMessage{"notes": json.RawMessage(`"回访"`)})
	if err != nil {
		t.Fatal(err)
	}
	after, err := hlc.Parse(got.Header().Versions["notes"])
	if err != nil {
		t.Fatal(err)
	}
	if hlc.Compare(after, before) <= 0 {
		t.Fatalf("stamp after reopen %v not after %v", after, before)
	}
	if after.Node != node {
		t.Fatalf("stamp node %q, want %q", after.Node, node)
	}
}
