package boltstore

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/shanhaifield/shanhai/server/store"
)

// TestAuditTamperDetected edits, removes and reorders entries in the file
// behind the store's back; VerifyAudit names the first broken entry.
func TestAuditTamperDetected(t *testing.T) {
	p := store.Principal{Name: "alice", Zone: "zone-a", Role: store.RoleStaff}
	at := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		tamper func(b *bolt.Bucket) error
		want   string
	}{
		{"untouched", func(b *bolt.Bucket) error { return nil }, ""},
		{"entry edited", func(b *bolt.Bucket) error {
			v := append([]byte(nil), b.Get(seqKey(2))...)
			copy(v[2*hashLen:], strings.Replace(string(v[2*hashLen:]), "alice", "malic", 1))
			return b.Put(seqKey(2), v)
		}, "entry 2: hash"},
		{"entry removed", func(b *bolt.Bucket) error { return b.Delete(seqKey(2)) }, "entry 2 is missing"},
		{"entries swapped", func(b *bolt.Bucket) error {
			v2, v3 := append([]byte(nil), b.Get(seqKey(2))...), append([]byte(nil), b.Get(seqKey(3))...)
			if err := b.Put(seqKey(2), v3); err != nil {
				return err
			}
			return b.Put(seqKey(3), v2)
		}, "entry 2: previous-hash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "server.db")
			s, err := Open(ctx, path, store.Hooks{})
			if err != nil {
				t.Fatal(err)
			}
			for i := range 3 {
				if err := s.AppendAudit(ctx, p.Audit(store.ActionPull, at.Add(time.Duration(i)*time.Minute))); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.db.Update(func(tx *bolt.Tx) error { return tt.tamper(tx.Bucket(bAudit)) }); err != nil {
				t.Fatal(err)
			}
			rep, err := store.VerifyAudit(ctx, s)
			s.Close()
			switch {
			case tt.want == "" && (err != nil || rep.Entries != 3):
				t.Fatalf("VerifyAudit = %+v, %v; want 3 good entries", rep, err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("VerifyAudit error = %v, want %q", err, tt.want)
			}
		})
	}
}

// BenchmarkAppendAudit: one standalone entry (a login or a pull page) in
// its own commit, the cost a pull page pays for being logged.
func BenchmarkAppendAudit(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "server.db"), store.Hooks{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	p := store.Principal{Name: "alice", Zone: "zone-a", Role: store.RoleStaff, Remote: "10.0.0.7"}
	e := p.Audit(store.ActionPull, time.Now())
	e.From, e.To, e.Count = 1000, 3000, 2000
	for b.Loop() {
		if err := s.AppendAudit(ctx, e); err != nil {
			b.Fatal(err)
		}
	}
}
