package main

import (
	"context"
	"log/slog"
	"runtime/debug"
	"runtime/metrics"
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

// idleCheck is how often the window looks whether it has gone idle, and
// idleAllocs the allocation in one such period below which it counts as
// idle (a repaint or the sync indicator allocate a little).
const (
	idleCheck  = time.Second
	idleAllocs = 1 << 20
)

// idleReturnMin is the heap, beyond the live heap at the last
// collection, worth a collection to give back.
const idleReturnMin = 16 << 20

// returnWhenIdle gives the heap's garbage back to the system whenever the
// window goes idle after work (a burst of searches, a sync, an import):
// when a check period allocates little after one that allocated much, and
// the heap holds at least idleReturnMin beyond its live part, it collects
// and returns the free memory (debug.FreeOSMemory).
//
// Why: Go lets the heap grow to twice the live heap before collecting
// (GOGC 100). The 100k window's live heap is about 100 MB, so typing a
// few searches left some 80 MB more resident (334 MB against 254 at
// rest, docs/desktop-speed.md). A lower GOGC holds the heap down while
// typing too, but collects every few keystrokes: with GOGC 25 the UI
// thread's CPU per pinyin keystroke rose from 17 to 50 ms at p99. This
// costs one collection when the user pauses, none while typing.
func returnWhenIdle(ctx context.Context) {
	samples := []metrics.Sample{
		{Name: "/gc/heap/allocs:bytes"},
		{Name: "/gc/heap/live:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
	}
	go func() {
		t := time.NewTicker(idleCheck)
		defer t.Stop()
		var last uint64
		busy := false
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			metrics.Read(samples)
			allocs := samples[0].Value.Uint64()
			held := samples[2].Value.Uint64() + samples[3].Value.Uint64() + samples[4].Value.Uint64()
			var give bool
			busy, give = idleStep(busy, allocs-last, held, samples[1].Value.Uint64())
			last = allocs
			if give {
				debug.FreeOSMemory()
			}
		}
	}()
}

// idleStep is one check of returnWhenIdle: given whether the window was
// busy, what it allocated since the last check, the heap it holds and
// the live heap, it says whether it is busy now and whether to give the
// garbage back.
func idleStep(busy bool, allocated, held, live uint64) (nowBusy, give bool) {
	if allocated >= idleAllocs {
		return true, false
	}
	return false, busy && held > live+idleReturnMin
}
