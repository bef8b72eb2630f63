package storage

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sealing"
)

func TestBackupRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	s, err := Open(ctx, path, encOpts(testPass))
	if err != nil {
		t.Fatal(err)
	}
	_, cid := fillPersonal(t, s)
	var backup bytes.Buffer
	if err := s.Backup(ctx, &backup, []byte("wrong")); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("backup with a wrong passphrase: %v", err)
	}
	if err := s.Backup(ctx, &backup, testPass); err != nil {
		t.Fatal(err)
	}
	for _, p := range personal {
		if bytes.Contains(backup.Bytes(), []byte(p)) {
			t.Errorf("backup holds %q", p)
		}
	}
	// Changes after the backup are what a restore rolls back.
	later := mustCreate(t, s, newEnt("备份之后的公司"))
	s.Close()
	current, _ := os.ReadFile(path)
	good := backup.Bytes()

	bad := []struct {
		name string
		data []byte
		pass []byte
	}{
		{"truncated", good[:len(good)-100], testPass},
		{"cut at a chunk", good[:len(good)/2], testPass},
		{"tampered", flip(good, len(good)/3), testPass},
		{"wrong passphrase", good, []byte("wrong")},
		{"not a backup", []byte("SQLite format 3\x00"), testPass},
		{"empty", nil, testPass},
	}
	for _, tt := range bad {
		if err := RestoreBackup(ctx, bytes.NewReader(tt.data), tt.pass, path); err == nil {
			t.Errorf("%s: restored", tt.name)
		}
		now, _ := os.ReadFile(path)
		if !bytes.Equal(now, current) {
			t.Fatalf("%s: the store file changed", tt.name)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("%s: files left beside the store: %v", tt.name, entries)
		}
	}

	if err := RestoreBackup(ctx, bytes.NewReader(good), testPass, path); err != nil {
		t.Fatal(err)
	}
	aside, _ := filepath.Glob(path + ".before-restore-*")
	if len(aside) != 1 {
		t.Fatalf("old file not kept aside: %v", aside)
	}
	if kept, _ := os.ReadFile(aside[0]); !bytes.Equal(kept, current) {
		t.Error("the file moved aside is not the old store")
	}
	s = openAt(t, path, encOpts(testPass))
	if _, err := s.Get(ctx, cid); err != nil {
		t.Errorf("contact after restore: %v", err)
	}
	if _, err := s.Get(ctx, later); !errors.Is(err, ErrNotFound) {
		t.Errorf("record made after the backup: %v", err)
	}
	mustHealthy(t, s)
}

func flip(b []byte, i int) []byte {
	out := bytes.Clone(b)
	out[i] ^= 0x20
	return out
}

func TestProbeAndSetAside(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	if p, err := ProbeFile(ctx, path); err != nil || p.Exists {
		t.Errorf("missing file: %+v %v", p, err)
	}
	s, err := Open(ctx, path, encOpts(testPass))
	if err != nil {
		t.Fatal(err)
	}
	fillPersonal(t, s)
	if err := s.UpdateSyncState(ctx, func(st *SyncState) error { st.LastSync = newTestClock().Now(); return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := SetAside(path); !errors.Is(err, ErrInUse) {
		t.Errorf("set aside while open: %v", err)
	}
	s.Close()
	p, err := ProbeFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[record.Kind]int{record.KindEnterprise: 1, record.KindContact: 4, record.KindVisit: 1}
	if !p.Exists || !p.Encrypted || p.Pending != 6 || p.LastSync.IsZero() || len(p.PendingByKind) != 3 {
		t.Errorf("probe: %+v", p)
	}
	for k, n := range want {
		if p.PendingByKind[k] != n {
			t.Errorf("pending %s: %d, want %d", k, p.PendingByKind[k], n)
		}
	}
	moved, err := SetAside(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(moved, path+".locked-") {
		t.Errorf("moved to %s", moved)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("store still at path: %v", err)
	}
	if p, err := ProbeFile(ctx, moved); err != nil || p.Pending != 6 {
		t.Errorf("moved file: %+v %v", p, err)
	}
	s = openAt(t, path, Options{Passphrase: []byte("new"), KeyCost: sealing.LowCostParams()})
	if n, _ := s.Count(ctx, record.KindContact); n != 0 || !s.Encrypted() {
		t.Errorf("new store: %d contacts, encrypted %v", n, s.Encrypted())
	}
}
