package main

import (
	"context"
	"log/slog"
	"os"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
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
	for _, r := range []fyne.Resource{
		theme.DefaultTextItalicFont(), theme.DefaultTextBoldItalicFont(),
		theme.DefaultTextMonospaceFont(), theme.DefaultSymbolFont(),
	} {
		fonts = append(fonts, r.Content())
	}
	n, err := releaseEmbeddedPages(fonts...)
	if err != nil {
		slog.Warn("font pages not given back", "err", err)
	}
	slog.Debug("memory settled", "font_pages_mib", n>>20)
}

// gcPercentAtRest is the GOGC the window runs with once the search index
// is built: the heap may grow to 1.25 times the live heap before the
// next collection, instead of Go's default 2 times. The live heap of the
// 100k window is about 100 MB, almost all of it long-lived (the search
// index, the parsed fonts), so the default let each search's garbage
// pile up to some 100 MB more resident memory (docs/desktop-speed.md);
// a collection over that heap is cheap, since the index is a few large
// pointer-free arrays. The goal follows the live heap, so a larger store
// or an import gets room in proportion instead of a fixed limit.
const gcPercentAtRest = 25

// gcTuning is the GOGC setting around a search index build; the zero
// value (GOGC set in the environment) leaves the setting alone.
type gcTuning struct{ tune bool }

// gcForBuild sets Go's default GOGC for building the search index, which
// allocates much short-lived garbage and would collect far more often
// at gcPercentAtRest, unless the environment sets GOGC.
func gcForBuild() gcTuning {
	if os.Getenv("GOGC") != "" {
		return gcTuning{}
	}
	debug.SetGCPercent(100)
	return gcTuning{tune: true}
}

// atRest sets gcPercentAtRest once the build is over.
func (g gcTuning) atRest() {
	if g.tune {
		debug.SetGCPercent(gcPercentAtRest)
	}
}
