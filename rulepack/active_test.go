package rulepack

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestLater(t *testing.T) {
	tests := []struct {
		a, av, b, bv string
		want         bool
	}{
		{"2026-12-01", "1", "2026-11-26", "9", true},
		{"2026-11-26", "2026.11.2", "2026-11-26", "2026.11.1", true},
		{"2026-11-26", "2026.11.1", "2026-11-26", "2026.11.1", false},
		{"2025-01-01", "9", "2026-01-01", "1", false},
	}
	for _, tt := range tests {
		if got := Later(tt.a, tt.av, tt.b, tt.bv); got != tt.want {
			t.Errorf("Later(%s %s, %s %s) = %v, want %v", tt.a, tt.av, tt.b, tt.bv, got, tt.want)
		}
	}
}

func TestActive(t *testing.T) {
	ctx := context.Background()
	builtIn, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, ImportedFile)
	save := func(date, version string) {
		t.Helper()
		p, err := Load()
		if err != nil {
			t.Fatal(err)
		}
		p.Date, p.Version = date, version
		if err := SaveFile(ctx, path, p); err != nil {
			t.Fatal(err)
		}
	}

	if p, imported, err := Active(ctx, path); err != nil || imported || p.Version != builtIn.Version {
		t.Fatalf("no imported file: %v %v %v", p.Version, imported, err)
	}
	save("2099-01-01", "2099.1.1")
	if p, imported, err := Active(ctx, path); err != nil || !imported || p.Version != "2099.1.1" {
		t.Fatalf("later imported pack: %v %v %v", p.Version, imported, err)
	}
	save("2000-01-01", "2000.1.1")
	if p, imported, _ := Active(ctx, path); imported || p.Version != builtIn.Version {
		t.Fatalf("older imported pack won: %v", p.Version)
	}
	if err := os.WriteFile(path, []byte(`{"version": `), 0o600); err != nil {
		t.Fatal(err)
	}
	if p, imported, err := Active(ctx, path); err != nil || imported || p.Version != builtIn.Version {
		t.Fatalf("damaged imported file: %v %v %v", p.Version, imported, err)
	}
}
