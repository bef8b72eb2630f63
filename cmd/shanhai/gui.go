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
	// Until the window's unlock screen exists, an encrypted store opens
	// with SHANHAI_PASSPHRASE (nil when unset: a plaintext store opens as
	// it is, an encrypted one fails with storage.ErrLocked).
	var pass []byte
	if p := os.Getenv("SHANHAI_PASSPHRASE"); p != "" {
		pass = []byte(p)
	}
	store, err := storage.Open(ctx, path, storage.Options{Author: guiAuthor(), Passphrase: pass})
	if err != nil {
		return fmt.Errorf("start window: %w", err)
	}
	defer func() {
		if err := store.Close(); err != nil {
			slog.Error("close store", "path", path, "err", err)
		}
	}()
	slog.Info("window starting", "store", path)
	// The first search otherwise builds the index itself, which takes
	// seconds on a large store; build it while the window comes up.
	go func() {
		if err := store.BuildSearchIndex(ctx); err != nil {
			slog.Warn("search index not built in advance", "err", err)
		}
	}()

	a := fyneapp.NewWithID(appID)
	// The language chosen in 设置 applies from the next start: Fyne
	// cannot switch the language of a window already built.
	if err := app.LoadTranslations(app.LanguageFromPreferences(a.Preferences())); err != nil {
		// The code carries the Chinese text as fallback, so the window
		// still works; only English users lose their strings.
		slog.Warn("translations not loaded", "err", err)
	}
	a.SetIcon(fyne.NewStaticResource(assets.IconName, assets.Icon()))
	a.Settings().SetTheme(app.NewTheme())

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
	ui := app.NewUI(a, store)
	// SHANHAI_SCREEN opens one screen at start (scripts/screenshot.sh
	// uses it to photograph each); SHANHAI_DEMO=1 loads the demo data
	// into an empty store first.
	if os.Getenv("SHANHAI_DEMO") == "1" {
		loadDemoIfEmpty(ctx, store)
		ui.Refresh()
	}
	loop := startSync(ctx, store, ui)
	defer loop.Close(syncExitWait)
	if s := os.Getenv("SHANHAI_SCREEN"); s != "" {
		ui.Show(app.Screen(s))
	}
	ui.ShowAndRun()
	return nil
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
