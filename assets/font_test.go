package assets

import (
	"bytes"
	"testing"

	"github.com/go-text/typesetting/font"
)

func parseFace(t *testing.T, data []byte) *font.Face {
	t.Helper()
	f, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestFontCoverageMatchesRegular keeps the coverage font in step with the
// regular weight (scripts/subset-font.sh writes both): the same
// characters, no outlines. A character only one of them had would make
// Fyne's fallback order differ from what the font map assumes.
func TestFontCoverageMatchesRegular(t *testing.T) {
	regular, coverage := parseFace(t, FontRegular()), parseFace(t, FontCoverage())
	runes := func(f *font.Face) map[rune]font.GID {
		out := map[rune]font.GID{}
		for it := f.Cmap.Iter(); it.Next(); {
			r, g := it.Char()
			out[r] = g
		}
		return out
	}
	want, got := runes(regular), runes(coverage)
	if len(want) < 20000 || len(got) != len(want) {
		t.Fatalf("coverage font maps %d characters, regular %d", len(got), len(want))
	}
	for r := range want {
		if _, ok := got[r]; !ok {
			t.Fatalf("coverage font lacks U+%04X", r)
		}
	}
	for _, r := range "山海招商外勤企A" {
		gid := got[r]
		out, ok := coverage.GlyphData(gid).(font.GlyphOutline)
		if !ok || len(out.Segments) != 0 {
			t.Errorf("coverage glyph of %q has an outline (%T)", r, coverage.GlyphData(gid))
		}
		if ro, _ := regular.GlyphData(want[r]).(font.GlyphOutline); len(ro.Segments) == 0 {
			t.Errorf("regular glyph of %q has no outline", r)
		}
	}
}
