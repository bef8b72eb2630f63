package main

import (
	"context"
	"log/slog"
	"time"

	"fyne.io/fyne/v2/theme"

	"github.com/shanhaifield/shanhai/assets"
)

// settleDelay is how long after start the window gives back the memory
// that only its start needed; by then the fonts of the first screen are
// parsed (unlock or the main screens, which use the same styles).
const settleDelay = 5 * time.Second

// settleAfterStart calls settle once settleDelay after start, unless ctx
// ends first.
func settleAfterStart(ctx context.Context) {
	go func() {
		t := time.NewTimer(settleDelay)
		defer t.Stop()
		select {
		case <-ctx.Done():
		case <-t.C:
			settle()
		}
	}()
}

// settle gives back memory the window holds only because of its start:
// the pages of the embedded fonts, read once when Fyne parsed them into
// its heap (16 MB resident, docs/desktop-speed.md); a later need reads
// them in again.
func settle() {
	fonts := [][]byte{assets.FontRegular(), assets.FontBold()}
	for _, r := range []interface{ Content() []byte }{
		theme.DefaultTextFont(), theme.DefaultTextBoldFont(), theme.DefaultTextItalicFont(),
		theme.DefaultTextBoldItalicFont(), theme.DefaultTextMonospaceFont(), theme.DefaultSymbolFont(),
	} {
		fonts = append(fonts, r.Content())
	}
	if emoji := theme.DefaultEmojiFont(); emoji != nil {
		fonts = append(fonts, emoji.Content())
	}
	n, err := releaseEmbeddedPages(fonts...)
	if err != nil {
		slog.Warn("font pages not given back", "err", err)
	}
	slog.Debug("memory settled", "font_pages_mib", n>>20)
}
