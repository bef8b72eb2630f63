package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/shanhaifield/shanhai/assets"
)

// Theme is Fyne's default theme with the bundled Simplified Chinese font
// for all proportional text. Colours, icons and sizes — and so light/dark
// following the system — are the default theme's.
type Theme struct {
	base    fyne.Theme
	regular fyne.Resource
	bold    fyne.Resource
}

// NewTheme returns the app theme. The font resources are built once here
// because Fyne caches parsed faces per resource.
func NewTheme() *Theme {
	return NewThemeFonts(fyne.NewStaticResource(assets.FontRegularName, assets.FontRegular()),
		fyne.NewStaticResource(assets.FontBoldName, assets.FontBold()))
}

// NewThemeFonts returns the app theme drawing proportional text with the
// given regular and bold resources, which must hold the bundled font
// (assets.FontRegular, assets.FontBold). The window passes Fyne's own
// default font resources, refilled with the bundled font, so that Fyne
// parses each weight once instead of once as the theme's font and once
// more as its default-font fallback (cmd/shanhai, fonts.go).
func NewThemeFonts(regular, bold fyne.Resource) *Theme {
	return &Theme{base: theme.DefaultTheme(), regular: regular, bold: bold}
}

// Font returns the bundled Chinese font, bold when asked. Monospace and
// symbol text keep the default fonts: the subset has no monospace face and
// no symbol glyphs. Italic has no Chinese form, so it is drawn upright.
func (t *Theme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Monospace, s.Symbol:
		return t.base.Font(s)
	case s.Bold:
		return t.bold
	}
	return t.regular
}

// Color returns the default theme's colour.
func (t *Theme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.base.Color(n, v)
}

// Icon returns the default theme's icon.
func (t *Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

// Size returns the default theme's size.
func (t *Theme) Size(n fyne.ThemeSizeName) float32 { return t.base.Size(n) }
