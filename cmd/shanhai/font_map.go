package main

import (
	"bytes"
	"fmt"
	"log/slog"
	_ "unsafe" // go:linkname, see installFontMap

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"

	"github.com/shanhaifield/shanhai/assets"
)

// Fyne 2.8 keeps its system font map in these two variables of its
// painter: fyneFontMap is loaded lazily (fyneFontMapLoaded) on the first
// text measured. Pulled by name because Fyne offers no setter; the
// version is pinned in go.mod and TestFontMapServesBundledFace checks
// that the lookup still goes through the map installed here.
//
//go:linkname fyneFontMap fyne.io/fyne/v2/internal/painter.fm
var fyneFontMap *fontscan.FontMap

//go:linkname fyneFontMapLoaded fyne.io/fyne/v2/internal/painter.loaded
var fyneFontMapLoaded bool

// bundledLocation names the bundled face in the font map; it is no file,
// so the map never tries to read it from disk (the face is cached).
const bundledLocation = "shanhai-bundled:NotoSansCJKsc-Coverage.otf"

// installFontMap gives Fyne a system font map whose answer to "the font
// for the user's language" is the bundled Chinese font's coverage: the
// same characters with blank glyphs (assets.FontCoverage), 1 MB of heap
// parsed where the full font took 6.
//
// Why: for every text style Fyne asks its map for a face covering the
// system language and keeps it as a fallback behind the theme's font.
// Under zh-CN that loads a system CJK font into the heap (Noto Sans CJK:
// a 15 MB table copy per weight, 38 MB for regular and bold, measured
// with SHANHAI_HEAPPROFILE), although the theme's own font already covers
// every character the fallback would serve. Registering the bundled face
// under the generic family Fyne asks for ("sans-serif") makes that lookup
// an exact family match, answered from the cache. A
// character the bundled font lacks (beyond GBK) still finds a system
// font, loaded only then, because rune lookups fall through to the
// system fonts when the exact match lacks the rune.
//
// It must run before the first window is built. On any error Fyne keeps
// its own lazy loading.
func installFontMap() {
	fm, err := newFontMap(nil)
	if err != nil {
		slog.Warn("bundled font map not installed; Fyne loads its own", "err", err)
		return
	}
	fyneFontMap = fm
	fyneFontMapLoaded = true
}

// newFontMap builds the map installFontMap installs: the system fonts
// (as Fyne scans them, index cached on disk) plus the bundled coverage
// face under the generic families. Fyne puts that face last in each
// style's list, behind the theme's bundled font, and asks it only for
// characters no earlier face has; having the same characters as the
// bundled font, it never draws one, and Fyne goes on to the system
// fonts. logger nil logs nothing.
func newFontMap(logger fontscan.Logger) (*fontscan.FontMap, error) {
	if logger == nil {
		logger = quietLogger{}
	}
	face, err := font.ParseTTF(bytes.NewReader(assets.FontCoverage()))
	if err != nil {
		return nil, fmt.Errorf("font map: parse the coverage font: %w", err)
	}
	fm := fontscan.NewFontMap(logger)
	// Without system fonts the map still answers the language lookup;
	// only characters beyond the bundled font lose their fallback, as
	// in Fyne when the scan fails.
	if err := fm.UseSystemFonts(""); err != nil {
		slog.Warn("system fonts not scanned; characters beyond GBK have no fallback", "err", err)
	}
	// Only the proportional family: a monospace list starts with a
	// Latin-only font, so there the coverage face would be the first to
	// have a Chinese character and would draw it blank. Monospace text
	// (the app has none) keeps Fyne's lookup of a system font.
	fm.AddFace(face, fontscan.Location{File: bundledLocation},
		font.Description{Family: fontscan.SansSerif, Aspect: font.Aspect{Style: font.StyleNormal, Weight: font.WeightNormal}})
	return fm, nil
}

// quietLogger drops fontscan's messages (unreadable system font files),
// as Fyne's own map does.
type quietLogger struct{}

// Printf discards the message.
func (quietLogger) Printf(string, ...any) {}
