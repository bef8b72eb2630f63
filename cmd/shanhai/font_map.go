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
const bundledLocation = "shanhai-bundled:" + assets.FontRegularName

// installFontMap gives Fyne a system font map whose answer to "the font
// for the user's language" is the bundled Chinese font, parsed once here.
//
// Why: for every text style Fyne asks its map for a face covering the
// system language and keeps it as a fallback behind the theme's font.
// Under zh-CN that loads a system CJK font into the heap (Noto Sans CJK:
// a 15 MB table copy per weight, 38 MB for regular and bold, measured
// with SHANHAI_HEAPPROFILE), although the theme's own font already covers
// every character the fallback would serve. Registering the bundled face
// under the generic families Fyne asks for ("sans-serif", "monospace")
// makes that lookup an exact family match, answered from the cache. A
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
// (as Fyne scans them, index cached on disk) plus the bundled regular
// face under the generic families. logger nil logs nothing.
func newFontMap(logger fontscan.Logger) (*fontscan.FontMap, error) {
	if logger == nil {
		logger = quietLogger{}
	}
	face, err := font.ParseTTF(bytes.NewReader(assets.FontRegular()))
	if err != nil {
		return nil, fmt.Errorf("font map: parse %s: %w", assets.FontRegularName, err)
	}
	fm := fontscan.NewFontMap(logger)
	// Without system fonts the map still answers the language lookup;
	// only characters beyond the bundled font lose their fallback, as
	// in Fyne when the scan fails.
	if err := fm.UseSystemFonts(""); err != nil {
		slog.Warn("system fonts not scanned; characters beyond GBK have no fallback", "err", err)
	}
	for _, family := range []string{fontscan.SansSerif, fontscan.Monospace} {
		fm.AddFace(face, fontscan.Location{File: bundledLocation + "#" + family},
			font.Description{Family: family, Aspect: font.Aspect{Style: font.StyleNormal, Weight: font.WeightNormal}})
	}
	return fm, nil
}

// quietLogger drops fontscan's messages (unreadable system font files),
// as Fyne's own map does.
type quietLogger struct{}

// Printf discards the message.
func (quietLogger) Printf(string, ...any) {}
