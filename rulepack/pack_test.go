package rulepack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func shipped(t testing.TB) *Pack {
	t.Helper()
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestShippedPack(t *testing.T) {
	p := shipped(t)
	if p.Version == "" || p.Date == "" {
		t.Fatalf("version %q date %q", p.Version, p.Date)
	}
	for _, id := range []string{"jiaxing", "huzhou", "shangyu", "nanxun", "songyang", "tiantai", "jingning", "longyou", "suichang"} {
		z, ok := p.Zone(id)
		if !ok {
			t.Errorf("zone %s missing", id)
			continue
		}
		if !p.IsMountainCounty(z.ADCODE, p.Date) != (z.Kind == Advanced) {
			t.Errorf("zone %s (%s) kind %s but mountain-county membership of %s disagrees", id, z.Name, z.Kind, z.ADCODE)
		}
	}
	for _, id := range []string{"nev", "auto_parts", "hi_equipment", "toys", "drone", "digital", "biomed", "electronics", "paper"} {
		if _, ok := p.Chain(id); !ok {
			t.Errorf("chain %s missing", id)
		}
	}
}

func TestMountainCountiesAreDated(t *testing.T) {
	p := shipped(t)
	tests := []struct {
		date    string
		count   int
		yongjia bool
	}{
		{"2024-12-31", 26, true},
		{"2025-05-27", 26, true},
		{"2025-05-28", 23, false},
		{"2026-11-26", 23, false},
	}
	for _, tt := range tests {
		if got := len(p.MountainCounties(tt.date)); got != tt.count {
			t.Errorf("%s: %d counties, want %d", tt.date, got, tt.count)
		}
		if got := p.IsMountainCounty("330324", tt.date); got != tt.yongjia {
			t.Errorf("%s: 永嘉 listed = %v, want %v", tt.date, got, tt.yongjia)
		}
	}
}

func TestPaired(t *testing.T) {
	p := shipped(t)
	tests := []struct {
		zone string
		want []string
	}{
		{"jingning", []string{"shangyu"}},
		{"shangyu", []string{"jingning"}},
		{"jiaxing", []string{"songyang"}},
		{"huzhou", []string{"tiantai"}},
		{"nanxun", []string{"longyou", "suichang"}},
		{"nowhere", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, z := range p.Paired(tt.zone) {
			got = append(got, z.ID)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("Paired(%s) = %v, want %v", tt.zone, got, tt.want)
		}
	}
}

func TestEveryItemIsSourced(t *testing.T) {
	// Validation enforces it; this guards against a validator that stops looking.
	p := shipped(t)
	for _, z := range p.ZoneList {
		for _, l := range z.Leading {
			if l.Source == "" || !l.Evidence.valid() {
				t.Errorf("%s leading %s unsourced", z.ID, l.Wording)
			}
		}
	}
}

func TestWriteJSONRoundTrip(t *testing.T) {
	p := shipped(t)
	var buf bytes.Buffer
	if err := p.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	q, err := Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(p)
	b, _ := json.Marshal(q)
	if !bytes.Equal(a, b) {
		t.Error("pack changed in a write/parse round trip")
	}
	if q.Profile("longyou") == nil || len(q.Paired("jingning")) != 1 {
		t.Error("parsed pack has no index")
	}
}

func TestLoadFile(t *testing.T) {
	p := shipped(t)
	dir := t.TempDir()
	one := filepath.Join(dir, "pack-2026.12.json")
	var buf bytes.Buffer
	if err := p.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(one, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if q, err := LoadFile(context.Background(), one); err != nil || q.Version != p.Version {
		t.Fatalf("LoadFile(file) = %v, %v", q, err)
	}
	split := filepath.Join(dir, "split")
	if err := os.Mkdir(split, 0o700); err != nil {
		t.Fatal(err)
	}
	parts := map[string]any{"a.json": map[string]any{"version": "x", "date": p.Date}, "b.json": map[string]any{"zones": p.ZoneList}}
	for name, v := range parts {
		data, _ := json.Marshal(v)
		os.WriteFile(filepath.Join(split, name), data, 0o600)
	}
	_, err := LoadFile(context.Background(), split)
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("split pack without counties: err = %v, want a ValidationError", err)
	}
	if !strings.Contains(err.Error(), "mountain_counties") {
		t.Errorf("error does not name the missing list: %v", err)
	}
	if _, err := LoadFile(context.Background(), filepath.Join(dir, "absent.json")); err == nil {
		t.Error("absent file loaded")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := LoadFile(ctx, one); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
}

func TestPairedHonoursDates(t *testing.T) {
	tests := []struct {
		name, from, to string
		want           int
	}{
		{"in force", "2022-07-04", "", 1},
		{"not yet begun", "2030-01-01", "", 0},
		{"ended", "2022-07-04", "2025-01-01", 0},
		{"ends after the pack date", "2022-07-04", "2030-01-01", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			shipped(t).WriteJSON(&buf)
			p, err := Parse(&buf)
			if err != nil {
				t.Fatal(err)
			}
			for i := range p.Pairings {
				if p.Pairings[i].Mountain == "jingning" {
					p.Pairings[i].ValidFrom, p.Pairings[i].ValidTo = tt.from, tt.to
				}
			}
			if got := len(p.Paired("jingning")); got != tt.want {
				t.Errorf("Paired(jingning) = %d zones, want %d", got, tt.want)
			}
		})
	}
}
