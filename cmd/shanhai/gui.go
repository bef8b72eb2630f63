package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"github.com/shanhaifield/shanhai/app"
	"github.com/shanhaifield/shanhai/assets"
	"github.com/shanhaifield/shanhai/demo"
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/rulepack"
	"github.com/shanhaifield/shanhai/storage"
	"github.com/shanhaifield/shanhai/sync/client"
)

// appID is the application ID of FyneApp.toml; Fyne keys the
// preferences and per-app storage folders by it, so it must never change.
const appID = "io.github.shanhaifield.shanhai"

// syncInterval is how often the window syncs in the background while
// logged in; 立即同步 syncs at once.
const syncInterval = 2 * time.Minute

// syncExitWait bounds how long closing the window waits for a sync in
// flight before the store is closed.
const syncExitWait = 5 * time.Second

// runGUI opens the store in dataDir and runs the desktop window until the
// user closes it or ctx is cancelled (Ctrl-C, SIGTERM). This file is the
// only importer of fyne.io/fyne/v2/app, which needs cgo and the X11/GL
// headers; everything else builds and tests without them.
func runGUI(ctx context.Context, dataDir string) (err error) {
	if err := checkDisplay(os.Getenv, runtime.GOOS); err != nil {
		return err
	}
	path := filepath.Join(dataDir, storage.FileName)
	installFontMap()
	settleAfterStart(ctx)
	returnWhenIdle(ctx)
	a := fyneapp.NewWithID(appID)
	// The language chosen in 设置 applies from the next start: Fyne
	// cannot switch the language of a window already built.
	if err := app.LoadTranslations(app.LanguageFromPreferences(a.Preferences())); err != nil {
		// The code carries the Chinese text as fallback, so the window
		// still works; only English users lose their strings.
		slog.Warn("translations not loaded", "err", err)
	}
	a.SetIcon(fyne.NewStaticResource(assets.IconName, assets.Icon()))
	a.Settings().SetTheme(newTheme())

	stop := context.AfterFunc(ctx, func() { fyne.Do(a.Quit) })
	defer stop()
	// GLFW panics when the display it was given cannot be opened (a
	// stale DISPLAY, a remote session gone); turn that into an error so
	// the deferred Close still runs and the user gets a message.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", errWindow, r)
		}
	}()
	w := a.NewWindow(lang.X("app.title", "山海招商外勤"))
	w.Resize(fyne.NewSize(960, 640))
	s := &guiSession{ctx: ctx, app: a, window: w, path: path}
	defer s.close()
	slog.Info("window starting", "store", path)

	vault := newVault(path, guiAuthor())
	if vault == nil {
		// This build cannot encrypt (see vault_plain.go): open as before.
		store, err := storage.Open(ctx, path, storage.Options{Author: guiAuthor()})
		if err != nil {
			return fmt.Errorf("start window: %w", err)
		}
		s.plain = store
		s.openMain(store, "")
		w.ShowAndRun()
		return nil
	}
	s.vault = vault
	// The unlock (or set-passphrase) screen comes first; the main
	// screens load once the store is open. SHANHAI_PASSPHRASE unlocks
	// without asking, for scripts such as scripts/screenshot.sh.
	s.opener = app.NewOpener(ctx, w, vault)
	s.opener.OnOpen = func(_ app.Services, start app.Screen) { s.openMain(vault.Store(), start) }
	s.opener.OnClose = s.closeMain
	s.opener.Start(os.Getenv("SHANHAI_PASSPHRASE"))
	w.ShowAndRun()
	return nil
}

// guiVault is the store file behind the unlock screen: an app.Vault that
// also hands over the *storage.Store it opened, which the sync client
// and the demo loader need.
type guiVault interface {
	app.Vault
	// Store is the store Open returned last.
	Store() *storage.Store
}

// guiSession is one run of the window: the store opened (plain or
// through the vault), the main screens on it and their sync loop. A
// restore from a backup closes the main screens and opens them again.
type guiSession struct {
	ctx    context.Context
	app    fyne.App
	window fyne.Window
	path   string
	vault  guiVault       // nil when this build cannot encrypt
	opener *app.Opener    // nil with vault
	plain  *storage.Store // the store opened without a vault
	ui     *app.UI
	loop   *app.SyncLoop
}

// openMain builds the main screens on store in the window, loads the demo
// data when asked (SHANHAI_DEMO=1), starts the sync loop and shows start
// (or SHANHAI_SCREEN, for screenshots).
func (s *guiSession) openMain(store *storage.Store, start app.Screen) {
	// The first search otherwise builds the index itself, which takes
	// seconds on a large store; build it while the window comes up.
	go func() {
		if err := store.BuildSearchIndex(s.ctx); err != nil {
			slog.Warn("search index not built in advance", "err", err)
		}
		settle()
	}()
	ui := app.NewUIWindow(s.app, s.window, store)
	s.ui = ui
	if os.Getenv("SHANHAI_DEMO") == "1" {
		loadDemoIfEmpty(s.ctx, store)
		ui.Refresh()
	}
	s.loop = startSync(s.ctx, store, ui)
	if s.opener != nil {
		ui.SetRestore(s.opener.Restore)
	}
	wireSecurity(ui, store)
	if start != "" {
		ui.Show(start)
	}
	if sc := os.Getenv("SHANHAI_SCREEN"); sc != "" {
		ui.Show(app.Screen(sc))
	}
}

// closeMain stops the sync loop and the main screens' queries before the
// store is closed under them (a restore, the end of the run).
func (s *guiSession) closeMain() {
	if s.loop != nil {
		s.loop.Close(syncExitWait)
		s.loop = nil
	}
	if s.ui != nil {
		s.ui.Detach()
		s.ui = nil
	}
}

// close ends the run: the sync loop first, then the store.
func (s *guiSession) close() {
	s.closeMain()
	var err error
	switch {
	case s.vault != nil:
		err = s.vault.Close()
	case s.plain != nil:
		err = s.plain.Close()
	}
	if err != nil {
		slog.Error("close store", "path", s.path, "err", err)
	}
}

// startSync connects the window to the sync client and starts the
// background loop when a login is kept; logging in or out in 设置
// starts or stops it. Reports reach the window through fyne.Do.
func startSync(ctx context.Context, store *storage.Store, ui *app.UI) *app.SyncLoop {
	// Packs the server publishes land beside the store, where the CLI
	// and the next start of the window pick them up (rulepack.Active).
	packPath := filepath.Join(filepath.Dir(store.Path()), rulepack.ImportedFile)
	c := client.New(store, client.Options{RulePackPath: packPath})
	loop := app.NewSyncLoop(ctx, c, syncInterval, func(st client.Status) {
		fyne.Do(func() { ui.SyncStatus(st) })
	})
	ui.SetSyncer(&app.ClientSyncer{Client: c, Store: store, OnLogin: loop.Start, OnLogout: loop.Stop})
	st, err := store.SyncState(ctx)
	if err != nil {
		slog.Error("read sync state", "err", err)
		return loop
	}
	if st.Token != "" {
		loop.Start()
	}
	return loop
}

// guiAuthor names the user in the Meta of records the window changes:
// $SHANHAI_USER, else the operating system's user name (as the CLI does).
func guiAuthor() string {
	if u := os.Getenv("SHANHAI_USER"); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}

// errWindow wraps a failure of the windowing system itself.
var errWindow = errors.New("无法打开窗口 / the window system failed")

// errNoDisplay: GLFW panics when it finds no display, so runGUI checks
// first and says what to do instead.
var errNoDisplay = errors.New("没有图形界面：DISPLAY 和 WAYLAND_DISPLAY 均未设置，无界面时请用命令，如 shanhai list / " +
	"no graphical display: DISPLAY and WAYLAND_DISPLAY are unset; without one use a command such as shanhai list")

// checkDisplay reports errNoDisplay on X11/Wayland systems with neither
// display set. Windows and macOS always have a display session.
func checkDisplay(getenv func(string) string, goos string) error {
	switch goos {
	case "windows", "darwin", "android", "ios", "js", "wasip1":
		return nil
	}
	if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
		return errNoDisplay
	}
	return nil
}

// loadDemoIfEmpty fills an empty store with the demo enterprises.
func loadDemoIfEmpty(ctx context.Context, store *storage.Store) {
	n, err := store.Count(ctx, record.KindEnterprise)
	if err != nil || n > 0 {
		return
	}
	if _, err := demo.Load(ctx, store, time.Now()); err != nil {
		slog.Error("load demo data", "err", err)
	}
}
