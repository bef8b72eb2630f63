package app

import (
	"context"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// statusBar is the bottom bar: the sync state and how many local changes
// wait for the server.
type statusBar struct {
	ctx     context.Context
	svc     Services
	sync    *widget.Label
	content *fyne.Container
	// online is true after the last sync attempt succeeded; failed when
	// it failed in a way the user must act on (not merely offline).
	online, failed bool
}

func newStatusBar(ctx context.Context, svc Services) *statusBar {
	b := &statusBar{ctx: ctx, svc: svc, sync: widget.NewLabel("")}
	b.content = container.NewHBox(layout.NewSpacer(), b.sync)
	return b
}

// reload re-reads the number of pending changes.
func (b *statusBar) reload() {
	ctx, cancel := context.WithTimeout(b.ctx, queryTimeout)
	defer cancel()
	n, err := b.svc.Pending(ctx)
	if err != nil {
		slog.Error("count pending changes", "err", err)
		b.set(lang.X("sync.unknown", "同步状态未知"))
		return
	}
	switch {
	case b.failed:
		b.set(lang.X("sync.failed", "同步出错"))
	case b.online && n == 0:
		b.set(lang.X("sync.online_done", "在线 · 已同步"))
	default:
		state := lang.X("sync.offline", "离线")
		if b.online {
			state = lang.X("sync.online", "在线")
		}
		b.set(lang.X("sync.status", "{{.State}} · {{.Pending}} 条待同步", map[string]any{"State": state, "Pending": n}))
	}
}

// set shows text and lays the bar out again for its new width.
func (b *statusBar) set(text string) {
	b.sync.SetText(text)
	b.content.Refresh()
}
