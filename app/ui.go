package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// queryTimeout bounds one store query made for the screen. Queries run on
// the UI goroutine (bbolt reads take microseconds), so a stuck store must
// not freeze the window for long.
const queryTimeout = 5 * time.Second

// UI is the main window and the screens in it.
type UI struct {
	window fyne.Window
	svc    Services
	// ctx lives as long as the window: closing it cancels queries.
	ctx    context.Context
	cancel context.CancelFunc

	nav         *navigation
	enterprises *enterpriseScreen
	status      *statusBar
}

// NewUI builds the main window for a, reading its data from svc, and loads
// the first screen. It does not show the window; call ShowAndRun.
func NewUI(a fyne.App, svc Services) *UI {
	ctx, cancel := context.WithCancel(context.Background())
	u := &UI{svc: svc, ctx: ctx, cancel: cancel}
	u.window = a.NewWindow(lang.X("app.title", "山海招商外勤"))
	u.window.SetOnClosed(cancel)

	u.enterprises = newEnterpriseScreen(ctx, svc)
	u.status = newStatusBar(ctx, svc)
	u.nav = newNavigation([]screen{
		{key: ScreenEnterprises, title: lang.X("nav.enterprises", "企业"), icon: theme.HomeIcon(), content: u.enterprises.content},
		placeholderScreen(ScreenTasks, lang.X("nav.tasks", "待办"), theme.ListIcon()),
		placeholderScreen(ScreenZones, lang.X("nav.zones", "开发区"), theme.GridIcon()),
		placeholderScreen(ScreenSync, lang.X("nav.sync", "同步"), theme.ViewRefreshIcon()),
		placeholderScreen(ScreenSettings, lang.X("nav.settings", "设置"), theme.SettingsIcon()),
	})

	bottom := container.NewVBox(widget.NewSeparator(), u.status.content)
	main := container.NewBorder(nil, nil, container.NewHBox(u.nav.content, widget.NewSeparator()), nil, u.nav.stack)
	u.window.SetContent(container.NewBorder(nil, bottom, nil, nil, main))
	u.window.Resize(fyne.NewSize(960, 640))
	u.Refresh()
	return u
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.window }

// ShowAndRun shows the main window and runs the application until it is
// closed.
func (u *UI) ShowAndRun() { u.window.ShowAndRun() }

// Refresh reloads every screen from the store, after a change made outside
// the window (an import, a sync). It must run on the UI goroutine; wrap it
// in fyne.Do from elsewhere.
func (u *UI) Refresh() {
	u.enterprises.reload()
	u.status.reload()
}

// Show switches the window to the given screen; unknown ones are ignored.
func (u *UI) Show(s Screen) { u.nav.show(s) }
