package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/shanhaifield/shanhai/assets"
)

// fyneApp is the part of FyneApp.toml that the code must agree with.
type fyneApp struct {
	Details struct {
		Icon, Name, ID, Version string
		Build                   int
	}
	Migrations map[string]bool
}

// TestFyneAppMetadata keeps FyneApp.toml (read by `fyne package` and by
// Fyne in development runs) in step with the ID and icon compiled in.
func TestFyneAppMetadata(t *testing.T) {
	root := filepath.Join("..", "..")
	var m fyneApp
	if _, err := toml.DecodeFile(filepath.Join(root, "FyneApp.toml"), &m); err != nil {
		t.Fatal(err)
	}
	if m.Details.ID != appID {
		t.Errorf("FyneApp.toml ID = %q, code uses %q", m.Details.ID, appID)
	}
	if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(m.Details.Version) || m.Details.Build < 1 {
		t.Errorf("version %q build %d: want x.y.z and a build ≥ 1", m.Details.Version, m.Details.Build)
	}
	if !m.Migrations["fyneDo"] {
		t.Error("FyneApp.toml lacks [Migrations] fyneDo = true")
	}
	icon, err := os.ReadFile(filepath.Join(root, m.Details.Icon))
	if err != nil {
		t.Fatalf("icon named in FyneApp.toml: %v", err)
	}
	if !bytes.Equal(icon, assets.Icon()) {
		t.Errorf("%s differs from the icon compiled into the binary", m.Details.Icon)
	}
}

func TestCheckDisplay(t *testing.T) {
	tests := []struct {
		goos    string
		env     map[string]string
		wantErr bool
	}{
		{"linux", map[string]string{}, true},
		{"linux", map[string]string{"DISPLAY": ":0"}, false},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, false},
		{"freebsd", map[string]string{}, true},
		{"windows", map[string]string{}, false},
		{"darwin", map[string]string{}, false},
	}
	for _, tt := range tests {
		err := checkDisplay(func(k string) string { return tt.env[k] }, tt.goos)
		if got := errors.Is(err, errNoDisplay); got != tt.wantErr {
			t.Errorf("%s %v: error %v, want error %v", tt.goos, tt.env, err, tt.wantErr)
		}
	}
}
