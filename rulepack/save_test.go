package rulepack

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestSaveFileRoundTrip(t *testing.T) {
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	dir := t.TempDir()
	tests := []struct {
		name, path, version string
	}{
		{"new file in a new folder", filepath.Join(dir, "sub", "rulepack.json"), "2099.1"},
		{"replaces the old file", filepath.Join(dir, "sub", "rulepack.json"), "2099.2"},
	}
	for _, tt := range tests {
		p.Version = tt.version
		if err := SaveFile(ctx, tt.path, p); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got, err := LoadFile(ctx, tt.path)
		if err != nil || got.Version != tt.version || len(got.Zones()) != len(p.Zones()) {
			t.Fatalf("%s: LoadFile = %v, %v", tt.name, got, err)
		}
		left, _ := filepath.Glob(filepath.Join(filepath.Dir(tt.path), ".rulepack-*"))
		if len(left) != 0 {
			t.Fatalf("%s: temporary files left: %v", tt.name, left)
		}
	}
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, nil, 0o600)
	if err := SaveFile(ctx, filepath.Join(blocker, "rulepack.json"), p); err == nil {
		t.Fatal("SaveFile under a regular file succeeded")
	}
}
