package app

import (
	"context"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/storage"
)

// syncScreen is 同步: the connection state, what waits to be pushed, the
// last outcome, the conflicts to review and the changes the server
// refused.
type syncScreen struct {
	ctx    context.Context
	svc    Services
	ref    *reference
	syncer Syncer // nil until SetSyncer
	// background runs SyncNow and Resolve off the UI goroutine.
	background func(work func(context.Context) error, done func(error))

	state, pending, last, lastErr *widget.Label
	syncNow                       *widget.Button
	progress                      *widget.ProgressBarInfinite
	conflicts, rejected           *fyne.Container
	rows                          []*conflictRow // the conflicts shown
	content                       fyne.CanvasObject

	// online is the outcome of the last attempt seen; onSynced runs on
	// the UI goroutine after each.
	online   bool
	onSynced func(error)
}

func newSyncScreen(ctx context.Context, svc Services, ref *reference) *syncScreen {
	s := &syncScreen{ctx: ctx, svc: svc, ref: ref,
		state: widget.NewLabel(""), pending: widget.NewLabel(""), last: widget.NewLabel(""), lastErr: wrapLabel(""),
		progress: widget.NewProgressBarInfinite(), conflicts: container.NewVBox(), rejected: container.NewVBox()}
	s.lastErr.Importance = widget.DangerImportance
	s.lastErr.Hide()
	s.progress.Stop()
	s.progress.Hide()
	s.syncNow = widget.NewButtonWithIcon(lang.X("sync.now", "立即同步"), theme.ViewRefreshIcon(), s.runSync)
	heading := func(text string) *widget.Label {
		return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	body := container.NewVBox(
		heading(lang.X("nav.sync", "同步")),
		s.state, s.pending, s.last, s.lastErr,
		container.NewHBox(s.syncNow), s.progress,
		widget.NewSeparator(), heading(lang.X("sync.conflicts", "待处理的冲突")), s.conflicts,
		widget.NewSeparator(), heading(lang.X("sync.rejected", "被服务器退回的修改")), s.rejected,
	)
	s.content = container.NewVScroll(body)
	return s
}

// runSync runs one sync in the background with the button disabled and
// the progress bar running, then shows the outcome.
func (s *syncScreen) runSync() {
	if s.syncer == nil {
		return
	}
	s.syncNow.Disable()
	s.progress.Show()
	s.progress.Start()
	s.state.SetText(lang.X("sync.running", "正在同步…"))
	s.background(s.syncer.SyncNow, func(err error) {
		s.progress.Stop()
		s.progress.Hide()
		if err != nil {
			slog.Warn("sync now failed", "err", err)
		}
		s.online = err == nil
		if s.onSynced == nil {
			s.reload()
			return
		}
		s.onSynced(err)
	})
}

// reload re-reads the state, the conflicts and the rejected changes.
func (s *syncScreen) reload() {
	ctx, cancel := context.WithTimeout(s.ctx, queryTimeout)
	defer cancel()
	if n, err := s.svc.Pending(ctx); err == nil {
		s.pending.SetText(lang.X("sync.pending", "待同步的修改：{{.Count}} 条", map[string]any{"Count": n}))
	}
	if s.syncer == nil {
		s.state.SetText(lang.X("sync.no_client", "同步功能未启用"))
		return
	}
	st, err := s.syncer.State(ctx)
	if err != nil {
		slog.Error("read sync state", "err", err)
	}
	s.showState(st)
	s.showConflicts(ctx)
	s.showRejected(ctx)
}

// showState fills the state, last sync and last error labels.
func (s *syncScreen) showState(st storage.SyncState) {
	switch {
	case st.Token == "":
		s.state.SetText(lang.X("sync.logged_out", "未登录：请在「设置」中登录同步服务器"))
	case s.online:
		s.state.SetText(lang.X("sync.state_online", "在线：{{.User}} @ {{.Server}}", map[string]any{"User": st.User, "Server": st.Server}))
	default:
		s.state.SetText(lang.X("sync.state_offline", "离线：{{.User}} @ {{.Server}}", map[string]any{"User": st.User, "Server": st.Server}))
	}
	last := lang.X("sync.never", "从未同步")
	if !st.LastSync.IsZero() {
		last = st.LastSync.Local().Format(time.DateTime)
	}
	s.last.SetText(lang.X("sync.last", "上次同步：{{.Time}}", map[string]any{"Time": last}))
	showText(s.lastErr, "")
	if st.LastErrorZh != "" {
		showText(s.lastErr, lang.X("sync.last_error", "上次出错：{{.Error}}", map[string]any{"Error": st.LastErrorZh}))
	}
	// A sync without a login can only fail; the button waits for one.
	if st.Token == "" {
		s.syncNow.Disable()
	} else if !s.progress.Visible() {
		s.syncNow.Enable()
	}
}

// showText sets a label that is hidden while empty, so it leaves no gap.
func showText(l *widget.Label, text string) {
	l.SetText(text)
	l.Hidden = text == ""
	l.Refresh()
}
