package main

import (
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"
	"github.com/go-text/typesetting/language"
)

// TestFontMapServesBundledFace checks the answers Fyne gets from the
// installed font map: the language lookup, for every style Fyne asks
// with, is the bundled face (no system font parsed), while a character
// the bundled font lacks never resolves to it, so the system fallback
// still serves it.
func TestFontMapServesBundledFace(t *testing.T) {
	fm, err := newFontMap(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		family string
		aspect font.Aspect
		lang   string
	}{
		{fontscan.SansSerif, font.Aspect{Style: font.StyleNormal}, "zh-cn"},
		{fontscan.SansSerif, font.Aspect{Style: font.StyleNormal, Weight: font.WeightBold}, "zh-cn"},
		{fontscan.SansSerif, font.Aspect{Style: font.StyleItalic}, "zh-cn"},
		{fontscan.SansSerif, font.Aspect{Style: font.StyleNormal}, "en"},
	} {
		lang, ok := language.NewLangID(language.NewLanguage(tc.lang))
		if !ok {
			t.Fatalf("no language ID for %s", tc.lang)
		}
		fm.SetQuery(fontscan.Query{Families: []string{tc.family}, Aspect: tc.aspect})
		face := fm.ResolveFaceForLang(lang)
		if face == nil {
			t.Errorf("%s %v %s: no face", tc.family, tc.aspect, tc.lang)
			continue
		}
		if loc := fm.FontLocation(face.Font); !strings.HasPrefix(loc.File, bundledLocation) {
			t.Errorf("%s %v %s: face from %q, want the bundled one", tc.family, tc.aspect, tc.lang, loc.File)
		}
	}
	// Monospace lists start with a Latin-only font: the blank coverage
	// face must not be their Chinese font.
	zh, _ := language.NewLangID(language.NewLanguage("zh-cn"))
	fm.SetQuery(fontscan.Query{Families: []string{fontscan.Monospace}})
	if face := fm.ResolveFaceForLang(zh); face != nil && strings.HasPrefix(fm.FontLocation(face.Font).File, bundledLocation) {
		t.Error("monospace Chinese resolves to the blank coverage face")
	}
	// U+3D58 (CJK Extension A) is outside GBK and so outside the subset.
	const rare = '\u3d58'
	fm.SetQuery(fontscan.Query{Families: []string{fontscan.SansSerif}})
	fm.SetScript(language.LookupScript(rare))
	if face := fm.ResolveFace(rare); face != nil {
		if _, has := face.NominalGlyph(rare); !has {
			t.Errorf("U+3D58 resolved to a face without it (%q)", fm.FontLocation(face.Font).File)
		}
	}
}

// TestWindowFontsStayOffSystemFonts measures Chinese text in every style
// the window uses through Fyne, with the font map and theme the window
// installs, and checks the heap the fonts took. Before, under zh-CN Fyne
// parsed a system CJK font per weight behind the bundled one (15 MB
// each with Debian's Noto Sans CJK) and Noto Sans and the emoji font per
// style (78 MiB here); now 28 MiB: the bundled font, about 6 MB a
// weight and parse, and the fallbacks for italic.
func TestWindowFontsStayOffSystemFonts(t *testing.T) {
	t.Setenv("LANG", "zh_CN.UTF-8")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	installFontMap()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	for _, style := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}} {
		if size := fyne.MeasureText("山海招商外勤 Shanhai", 14, style); size.Width <= 0 {
			t.Errorf("style %+v: text measured %v", style, size)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	const budget = 40 << 20
	grew := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("fonts took %.1f MiB of heap", float64(grew)/(1<<20))
	if grew > budget {
		t.Errorf("fonts took %d MiB of heap, want at most %d", grew>>20, budget>>20)
	}
	if !fyneFontMapLoaded || fyneFontMap == nil {
		t.Error("Fyne's font map is not the installed one")
	}
}
