package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// openTimeout bounds opening the store: key derivation takes about a
// second, but sealing a large plaintext store the first time takes longer.
const openTimeout = 10 * time.Minute

// Opener is the start of the window: before the main screens load it
// asks for the passphrase (or has one set on a new or plaintext store),
// opens the store off the UI goroutine, and hands it to OnOpen. It also
// serves 忘记口令 and restoring a backup, which replace the open store.
type Opener struct {
	window fyne.Window
	vault  Vault
	ctx    context.Context
	// OnOpen builds the main screens on the opened store; start is the
	// screen to show first ("" for the usual one). It runs on the UI
	// goroutine.
	OnOpen func(svc Services, start Screen)
	// OnClose runs before the open store is closed for a restore: the
	// caller stops its background work on the store there.
	OnClose func()
	// background runs work off the UI goroutine; tests make it direct.
	background func(work func(context.Context) error, done func(error))

	probe Probe
	// The unlock screen.
	pass    *widget.Entry
	unlock  *widget.Button
	passErr *widget.Label
	forgot  *widget.Button
	// The set-passphrase screen.
	pair   *passphrasePair
	setBtn *widget.Button
	// busy shows what runs in the background, with its progress bar.
	busy     *widget.Label
	progress *widget.ProgressBarInfinite
	// forgotScreen is the 忘记口令 page when shown.
	forgotScreen *forgotScreen
	// after is the screen to show once a store is set up; 另起新库
	// sends the user to 同步 to log in again.
	after Screen
}

// NewOpener prepares the start of window w over vault. Call Start.
func NewOpener(ctx context.Context, w fyne.Window, vault Vault) *Opener {
	o := &Opener{window: w, vault: vault, ctx: ctx, busy: wrapLabel(""), progress: widget.NewProgressBarInfinite()}
	o.background = func(work func(context.Context) error, done func(error)) { runInBackground(ctx, work, done) }
	return o
}

// Start probes the store and shows the screen it needs: unlock, or set a
// passphrase. A non-empty passphrase (SHANHAI_PASSPHRASE) is tried first
// without asking, so that scripts can open the window.
func (o *Opener) Start(passphrase string) {
	o.working(lang.X("unlock.probing", "正在检查本机数据…"))
	var p Probe
	o.background(func(ctx context.Context) error {
		var err error
		p, err = o.vault.Probe(ctx)
		return err
	}, func(err error) {
		o.probe = p
		switch {
		case err != nil:
			// The file is there but unreadable (another program has it
			// open, or it is damaged): never offer a new passphrase over
			// it; the unlock screen says why and lets the user retry.
			slog.Error("probe store", "err", err)
			o.showUnlock()
			showText(o.passErr, lang.X("unlock.failed", "无法打开本机数据：{{.Error}}", map[string]any{"Error": err.Error()}))
			o.relayout()
		case passphrase != "":
			o.showUnlock()
			o.open([]byte(passphrase))
		case p.Encrypted:
			o.showUnlock()
		default:
			o.showSetPassphrase()
		}
	})
}

// working shows a page with only a message and the progress bar.
func (o *Opener) working(msg string) {
	o.busy.SetText(msg)
	o.progress.Start()
	o.progress.Show()
	o.setPage(container.NewVBox(o.busy, o.progress))
}

// setPage puts obj in the middle of the window, at a readable width.
func (o *Opener) setPage(obj fyne.CanvasObject) {
	title := widget.NewLabelWithStyle(lang.X("app.title", "山海招商外勤"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	page := container.NewVBox(title, widget.NewSeparator(), obj)
	o.window.SetContent(container.NewCenter(container.New(pageWidth(480), page)))
}

// pageWidth lays its objects out at a fixed width and the height they
// need, which changes as inline errors come and go.
type pageWidth float32

func (w pageWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(w), h)
}

func (w pageWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// relayout makes the page room for an error line that came or went.
func (o *Opener) relayout() {
	if c := o.window.Content(); c != nil {
		c.Refresh()
	}
}

// showUnlock shows the passphrase entry with 解锁 and 忘记口令？.
func (o *Opener) showUnlock() {
	o.forgotScreen = nil
	o.pass = widget.NewPasswordEntry()
	o.pass.OnSubmitted = func(string) { o.submitUnlock() }
	o.passErr = errorLabel()
	o.unlock = widget.NewButton(lang.X("unlock.unlock", "解锁"), o.submitUnlock)
	o.unlock.Importance = widget.HighImportance
	o.forgot = widget.NewButton(lang.X("unlock.forgot", "忘记口令？"), o.showForgot)
	o.forgot.Importance = widget.LowImportance
	o.progress.Stop()
	o.progress.Hide()
	o.busy.SetText("")
	intro := wrapLabel(lang.X("unlock.intro", "本机数据已加密。请输入口令解锁。"))
	form := container.New(layout.NewFormLayout(), boldLabel(lang.X("unlock.passphrase", "口令")), container.NewVBox(o.pass, o.passErr))
	o.setPage(container.NewVBox(intro, form, container.NewHBox(layout.NewSpacer(), o.forgot, o.unlock), o.busy, o.progress))
	o.window.Canvas().Focus(o.pass)
}

// submitUnlock opens the store with the typed passphrase.
func (o *Opener) submitUnlock() {
	if o.pass.Text == "" {
		showText(o.passErr, lang.X("unlock.empty", "请输入口令"))
		o.relayout()
		return
	}
	o.open([]byte(o.pass.Text))
}

// open unlocks the store in the background; a wrong passphrase comes
// back beside the entry, anything else as a message under it.
func (o *Opener) open(passphrase []byte) {
	o.unlock.Disable()
	o.pass.Disable()
	showText(o.passErr, "")
	o.openVault(passphrase, lang.X("unlock.opening", "正在解锁…"), func(err error) {
		o.unlock.Enable()
		o.pass.Enable()
		if err != nil {
			o.openFailed(err)
		}
	})
}

// openVault opens the store with passphrase off the UI goroutine,
// showing msg and the progress bar meanwhile. settle runs on the UI
// goroutine when it is done (err nil: the window then moves on to the
// opened store).
func (o *Opener) openVault(passphrase []byte, msg string, settle func(err error)) {
	o.busy.SetText(msg)
	o.progress.Show()
	o.progress.Start()
	var svc Services
	o.background(func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, openTimeout)
		defer cancel()
		var err error
		svc, err = o.vault.Open(ctx, passphrase)
		return err
	}, func(err error) {
		o.progress.Stop()
		o.progress.Hide()
		o.busy.SetText("")
		settle(err)
		if err == nil {
			o.opened(svc)
		}
	})
}

// openFailed shows why the store did not open.
func (o *Opener) openFailed(err error) {
	if errors.Is(err, ErrWrongPassphrase) {
		slog.Info("unlock: wrong passphrase")
		showText(o.passErr, lang.X("unlock.wrong", "口令不正确，请重试。"))
		o.pass.SetText("")
		o.window.Canvas().Focus(o.pass)
		o.relayout()
		return
	}
	slog.Error("open store", "err", err)
	showText(o.passErr, lang.X("unlock.failed", "无法打开本机数据：{{.Error}}", map[string]any{"Error": err.Error()}))
	o.relayout()
}

// opened hands the store to the main window.
func (o *Opener) opened(svc Services) {
	start := o.after
	o.after = ""
	if o.OnOpen != nil {
		o.OnOpen(svc, start)
	}
}

// showSetPassphrase asks for a new passphrase twice: on the first start,
// on a plaintext store (whose personal values get sealed), and after
// 另起新库.
func (o *Opener) showSetPassphrase() {
	o.forgotScreen = nil
	o.pair = newPassphrasePair(lang.X("pass.new", "新口令"))
	o.pair.relayout = o.relayout
	o.pair.second.OnSubmitted = func(string) { o.submitSetPassphrase() }
	o.pair.first.OnSubmitted = func(string) { o.window.Canvas().Focus(o.pair.second) }
	o.setBtn = widget.NewButton(lang.X("pass.set", "设置口令"), o.submitSetPassphrase)
	o.setBtn.Importance = widget.HighImportance
	o.progress.Stop()
	o.progress.Hide()
	o.busy.SetText("")
	text := lang.X("pass.intro_new", "欢迎使用。请设置口令：联系人的姓名、手机号等个人信息将用它加密保存在本机。口令无法找回，请务必记住。")
	if o.probe.Exists && !o.probe.Encrypted {
		text = lang.X("pass.intro_migrate", "本机数据尚未加密。请设置口令，现有的联系人和走访记录将用它加密保存。口令无法找回，请务必记住。")
	}
	o.setPage(container.NewVBox(wrapLabel(text), o.pair.content, container.NewHBox(layout.NewSpacer(), o.setBtn), o.busy, o.progress))
	o.window.Canvas().Focus(o.pair.first)
}

// submitSetPassphrase checks the two entries and opens (creates or
// seals) the store with the new passphrase.
func (o *Opener) submitSetPassphrase() {
	pass, ok := o.pair.check()
	if !ok {
		return
	}
	o.setBtn.Disable()
	msg := lang.X("pass.creating", "正在设置口令…")
	if o.probe.Exists && !o.probe.Encrypted {
		msg = lang.X("pass.sealing", "正在加密现有数据，数据多时需要一些时间…")
	}
	o.openVault(pass, msg, func(err error) {
		o.setBtn.Enable()
		if err != nil {
			slog.Error("set passphrase", "err", err)
			showText(o.pair.secondErr, lang.X("unlock.failed", "无法打开本机数据：{{.Error}}", map[string]any{"Error": err.Error()}))
			o.relayout()
		}
	})
}

// Restore replaces the store with a backup: the open store (if any) is
// closed, the backup restored with its passphrase (the current file is
// moved aside), and the restored store opened with the same passphrase.
// On failure the unlock screen comes back with the reason.
func (o *Opener) Restore(r io.ReadCloser, passphrase []byte) {
	if o.OnClose != nil {
		o.OnClose()
	}
	if err := o.vault.Close(); err != nil {
		slog.Error("close store before restore", "err", err)
	}
	o.working(lang.X("restore.running", "正在从备份恢复…"))
	var svc Services
	o.background(func(ctx context.Context) error {
		defer r.Close()
		ctx, cancel := context.WithTimeout(ctx, openTimeout)
		defer cancel()
		if err := o.vault.RestoreBackup(ctx, r, passphrase); err != nil {
			return err
		}
		var err error
		svc, err = o.vault.Open(ctx, passphrase)
		return err
	}, func(err error) {
		o.progress.Stop()
		if err != nil {
			o.restoreFailed(err)
			return
		}
		slog.Info("store restored from a backup")
		o.opened(svc)
	})
}

// restoreFailed returns to the screen the store's state calls for, with
// the reason the backup was not restored.
func (o *Opener) restoreFailed(err error) {
	msg := lang.X("restore.failed", "从备份恢复失败：{{.Error}}", map[string]any{"Error": err.Error()})
	if errors.Is(err, ErrWrongPassphrase) {
		msg = lang.X("restore.wrong", "备份口令不正确，未恢复；本机数据未改动。")
	}
	slog.Error("restore backup", "err", err)
	p, perr := o.vault.Probe(o.ctx)
	if perr == nil {
		o.probe = p
	}
	if o.probe.Encrypted {
		o.showUnlock()
		showText(o.passErr, msg)
		o.relayout()
		return
	}
	o.showSetPassphrase()
	showText(o.pair.firstErr, msg)
	o.relayout()
}
