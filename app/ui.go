package app

import (
	"context"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/importer"
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
	detail      *enterpriseDetail
	visit       *quickVisit
	screening   *screeningScreen
	tasks       *tasksScreen
	referrals   *referralsScreen
	settings    *settingsScreen
	syncScreen  *syncScreen
	login       *loginForm
	form        *formDialog   // the open new/edit form, if any
	dialog      dialog.Dialog // another open dialog Esc should close
	prefs       fyne.Preferences
	ref         *reference
	status      *statusBar
	syncer      Syncer         // nil until SetSyncer
	imports     Importer       // nil when the store cannot import
	importPlan  *importer.Plan // the dry run on show, if any
	reports     Reporter       // nil when the store cannot report
	reportForm  *reportForm    // the report entries in 设置
	// The passphrase, backup, retention and role parts (security_ui.go).
	security  *securityPanel
	keys      Keys                                     // nil on a store without encryption
	restore   func(r io.ReadCloser, passphrase []byte) // nil until SetRestore
	retention *retentionScreen                         // nil until SetRetention
	roles     Roles                                    // nil: every action offered
	identity  *Identity                                // from roles, nil without

	// background runs long work off the UI goroutine; tests replace it
	// with a synchronous call.
	background func(work func(context.Context) error, done func(error))
}

// NewUI builds the main window for a, reading its data from svc, and loads
// the first screen. It does not show the window; call ShowAndRun.
func NewUI(a fyne.App, svc Services) *UI {
	return NewUIWindow(a, a.NewWindow(lang.X("app.title", "山海招商外勤")), svc)
}

// NewUIWindow builds the main screens into w, which may already show
// something (the unlock screen of an Opener).
func NewUIWindow(a fyne.App, w fyne.Window, svc Services) *UI {
	ctx, cancel := context.WithCancel(context.Background())
	u := &UI{svc: svc, ctx: ctx, cancel: cancel, prefs: a.Preferences()}
	u.window = w
	u.window.SetOnClosed(cancel)

	u.background = func(work func(context.Context) error, done func(error)) { runInBackground(u.ctx, work, done) }
	u.ref = loadReference(ctx, svc)
	u.enterprises = newEnterpriseScreen(ctx, svc, u.shortcut)
	u.enterprises.setReference(u.ref)
	u.enterprises.useSortPreference(u.prefs)
	u.enterprises.newButton.OnTapped = u.newEnterprise
	u.enterprises.onOpen = u.openEnterprise
	u.detail = newEnterpriseDetail(ctx, svc, u.ref)
	u.visit = newQuickVisit(ctx, svc, u.prefs, u.shortcut)
	u.visit.onSaved = u.Refresh
	u.screening = newScreeningScreen(ctx, svc, u.ref, u.shortcut)
	u.screening.onChange = u.Refresh
	u.tasks = newTasksScreen(ctx, svc)
	u.tasks.onChange = u.Refresh
	u.referrals = newReferralsScreen(ctx, svc, u.ref, u.prefs, u.window)
	u.referrals.onChange = u.Refresh
	u.settings = newSettingsScreen(svc, u.ref, u.prefs, u.window)
	u.settings.onZone = u.referrals.reload
	u.settings.onDialog = u.trackDialog
	u.referrals.onDialog = u.trackDialog
	u.referrals.keys = u.shortcut
	u.detail.back.OnTapped = func() { u.Show(ScreenEnterprises) }
	u.detail.edit.OnTapped = u.editEnterprise
	u.detail.onAdd = u.addChild
	u.detail.onEdit = u.editChild
	u.enterprises.demoButton.OnTapped = u.loadDemo
	u.imports = importerFor(svc)
	u.reports = reporterFor(svc)
	u.enterprises.importBtn.OnTapped = u.chooseImport
	u.status = newStatusBar(ctx, svc)
	u.syncScreen = newSyncScreen(ctx, svc, u.ref)
	u.syncScreen.background = u.runBackground
	u.syncScreen.onSynced = u.synced
	u.login = newLoginForm(ctx)
	u.login.background = u.runBackground
	u.login.onChange = func() {
		u.syncScreen.reload()
		u.applyRoles()
	}
	securityPanel := u.newSecurityPanel()
	u.settings.addSection(lang.X("login.title", "同步账号"), container.NewVBox(u.security.identity[0], u.login.content))
	u.security.section = u.settings.addSection(lang.X("security.title", "口令、备份与个人信息"), securityPanel)
	u.settings.addSection(lang.X("settings.data_tools", "导入与报告"), u.dataTools())
	u.detail.onExport = u.chooseScreeningReport
	u.nav = newNavigation([]screen{
		{key: ScreenEnterprises, title: lang.X("nav.enterprises", "企业"), icon: theme.HomeIcon(), content: u.enterprises.content},
		{key: ScreenVisit, title: lang.X("nav.visit", "走访"), icon: theme.DocumentCreateIcon(), content: u.visit.content},
		{key: ScreenScreening, title: lang.X("nav.screening", "筛查"), icon: theme.SearchIcon(), content: u.screening.content},
		{key: ScreenReferrals, title: lang.X("nav.referrals", "共引"), icon: theme.MailForwardIcon(), content: u.referrals.content},
		{key: ScreenTasks, title: lang.X("nav.tasks", "待办"), icon: theme.ListIcon(), content: container.NewBorder(u.security.tasksBar, nil, nil, nil, u.tasks.content)},
		{key: ScreenZones, title: lang.X("nav.zones", "开发区"), icon: theme.GridIcon(), content: newZonesScreen(u.ref).content},
		{key: ScreenSync, title: lang.X("nav.sync", "同步"), icon: theme.ViewRefreshIcon(), content: container.NewBorder(u.security.identity[1], nil, nil, nil, u.syncScreen.content)},
		{key: ScreenSettings, title: lang.X("nav.settings", "设置"), icon: theme.SettingsIcon(), content: u.settings.content},
	})

	bottom := container.NewVBox(widget.NewSeparator(), u.status.content)
	main := container.NewBorder(nil, nil, container.NewHBox(u.nav.content, widget.NewSeparator()), nil, u.nav.stack)
	u.window.SetContent(container.NewBorder(nil, bottom, nil, nil, main))
	u.window.Resize(fyne.NewSize(960, 640))
	u.addShortcuts()
	u.keys = keysFor(svc)
	u.applySecurity()
	u.applyRoles()
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
	u.tasks.reload()
	u.referrals.reload()
	u.status.reload()
	u.syncScreen.reload()
}

// Show switches the window to the given screen; unknown ones are ignored.
func (u *UI) Show(s Screen) {
	if s == ScreenNewEnterprise {
		u.newEnterprise()
		return
	}
	if s == ScreenScreeningRun && len(u.enterprises.rows) > 0 {
		u.nav.show(ScreenScreening)
		u.screening.picker.search.SetText(u.enterprises.rows[0].name)
		u.screening.screen()
		return
	}
	if s == ScreenRetention {
		u.showRetention()
		return
	}
	if s == ScreenDetail || s == ScreenDetailHistory {
		if len(u.enterprises.rows) > 0 {
			u.openEnterprise(u.enterprises.rows[0].id)
			if s == ScreenDetailHistory {
				u.detail.tabs.SelectIndex(len(u.detail.tabs.Items) - 1)
			}
		}
		return
	}
	u.nav.show(s)
}

// openEnterprise shows the detail of the enterprise with the given ID.
func (u *UI) openEnterprise(id string) {
	if err := u.detail.load(id); err != nil {
		u.showError(lang.X("detail.load_failed", "读取企业失败"), err)
		return
	}
	u.detail.tabs.SelectIndex(0)
	u.nav.showContent(ScreenEnterprises, u.detail.content)
}
