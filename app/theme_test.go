package app

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"

	"github.com/shanhaifield/shanhai/assets"
)

func TestThemeFont(t *testing.T) {
	th := NewTheme()
	def := theme.DefaultTheme()
	tests := []struct {
		name  string
		style fyne.TextStyle
		want  string
	}{
		{"regular", fyne.TextStyle{}, assets.FontRegularName},
		{"bold", fyne.TextStyle{Bold: true}, assets.FontBoldName},
		{"bold italic", fyne.TextStyle{Bold: true, Italic: true}, assets.FontBoldName},
		{"italic is upright", fyne.TextStyle{Italic: true}, assets.FontRegularName},
		{"monospace keeps default", fyne.TextStyle{Monospace: true}, def.Font(fyne.TextStyle{Monospace: true}).Name()},
		{"symbol keeps default", fyne.TextStyle{Symbol: true}, def.Font(fyne.TextStyle{Symbol: true}).Name()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := th.Font(tt.style).Name(); got != tt.want {
				t.Errorf("Font(%+v) = %s, want %s", tt.style, got, tt.want)
			}
		})
	}
}

func TestThemeKeepsDefaultLook(t *testing.T) {
	th := NewTheme()
	def := theme.DefaultTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		if th.Color(theme.ColorNameBackground, v) != def.Color(theme.ColorNameBackground, v) {
			t.Errorf("background colour differs from the default theme in variant %d", v)
		}
	}
	if th.Size(theme.SizeNameText) != def.Size(theme.SizeNameText) {
		t.Error("text size differs from the default theme")
	}
	if th.Icon(theme.IconNameHome) != def.Icon(theme.IconNameHome) {
		t.Error("home icon differs from the default theme")
	}
}

// TestBundledFontCoversTranslations guards against "�" in the interface:
// every character of every translation, and a sample of GBK hanzi that
// enterprise names use, must be in both bundled weights. It parses the
// fonts with the same library Fyne draws them with.
func TestBundledFontCoversTranslations(t *testing.T) {
	text := "浙江绍兴上虞杭州湾经济技术开发区嵊州衢州丽水龙泉缙云磐安（）「」·…—０１２ＡＢ￥" +
		"ABCxyz0123456789 !\"#%&'()*+,-./:;<=>?@[]_{|}~éü"
	for _, file := range []string{"zh_Hans.json", "en.json"} {
		for _, v := range readTranslation(t, file) {
			text += v
		}
	}
	for _, w := range []struct {
		name string
		data []byte
	}{{assets.FontRegularName, assets.FontRegular()}, {assets.FontBoldName, assets.FontBold()}} {
		face, err := font.ParseTTF(bytes.NewReader(w.data))
		if err != nil {
			t.Fatalf("parse %s: %v", w.name, err)
		}
		for _, r := range text {
			if unicode.IsControl(r) {
				continue
			}
			if _, ok := face.NominalGlyph(r); !ok {
				t.Errorf("%s has no glyph for %q (U+%04X)", w.name, r, r)
			}
		}
	}
}

func readTranslation(t *testing.T, file string) map[string]string {
	t.Helper()
	data, err := translationFS.ReadFile(translationDir + "/" + file)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return m
}
