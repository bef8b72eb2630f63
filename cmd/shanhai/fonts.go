package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/shanhaifield/shanhai/app"
	"github.com/shanhaifield/shanhai/assets"
)

// newTheme returns the window's theme, first refilling two of Fyne's
// default font resources, which only this process uses:
//
//   - Fyne's default regular and bold fonts (Noto Sans) become the
//     bundled Chinese font, and the theme returns those same resources.
//     For each text style Fyne parses the theme's font and, unless it is
//     the same resource, the default font as a fallback; our font covers
//     every character Noto Sans would serve, so that second parse only
//     cost heap.
//   - The colour emoji font (4.2 MB, parsed again for every text style)
//     becomes Fyne's small symbol font. An emoji typed into a note then
//     comes from the system's emoji font, loaded only when one is drawn,
//     as any character the bundled fonts lack.
//
// Both are Fyne's exported *fyne.StaticResource values; where a Fyne
// version made them something else, the theme keeps resources of its own
// and Fyne its fonts. Must run before the first window is built.
func newTheme() *app.Theme {
	regular, okR := theme.DefaultTextFont().(*fyne.StaticResource)
	bold, okB := theme.DefaultTextBoldFont().(*fyne.StaticResource)
	if !okR || !okB || regular == nil || bold == nil {
		return app.NewTheme()
	}
	regular.StaticName, regular.StaticContent = assets.FontRegularName, assets.FontRegular()
	bold.StaticName, bold.StaticContent = assets.FontBoldName, assets.FontBold()
	if emoji, ok := theme.DefaultEmojiFont().(*fyne.StaticResource); ok && emoji != nil {
		sym := theme.DefaultSymbolFont()
		emoji.StaticName, emoji.StaticContent = sym.Name(), sym.Content()
	}
	return app.NewThemeFonts(regular, bold)
}
