package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// backupTimeout bounds writing one backup; a large store on a slow USB
// stick takes minutes.
const backupTimeout = 30 * time.Minute

// securityPanel is the 口令与备份 section of 设置 and the identity and
// retention entries that depend on the role.
type securityPanel struct {
	change, backup, restore *widget.Button
	retention               *widget.Button  // in 设置
	tasksRetention          *widget.Button  // on 待办
	tasksBar                *fyne.Container // the row holding it
	busy                    *widget.Label
	progress                *widget.ProgressBarInfinite
	identity                []*widget.Label // in 设置 and on 同步
	note                    *widget.Label
	section                 *fyne.Container // the whole section in 设置
	// The change-passphrase dialog, for tests.
	oldPass    *widget.Entry
	oldErr     *widget.Label
	newPair    *passphrasePair
	changeBox  dialog.Dialog
	changeSave func()
	// The backup passphrase dialog, for tests.
	backupPass *widget.Entry
	backupErr  *widget.Label
	backupBox  dialog.Dialog
	backupNext func()
}

// newSecurityPanel builds the section; buttons whose service is missing
// are left out by UI.applySecurity.
func (u *UI) newSecurityPanel() fyne.CanvasObject {
	p := &securityPanel{busy: wrapLabel(""), progress: widget.NewProgressBarInfinite()}
	u.security = p
	p.progress.Stop()
	p.progress.Hide()
	p.change = widget.NewButton(lang.X("security.change", "修改口令…"), u.askChangePassphrase)
	p.backup = widget.NewButtonWithIcon(lang.X("security.backup", "备份…"), theme.DocumentSaveIcon(), u.askBackup)
	p.restore = widget.NewButtonWithIcon(lang.X("forgot.restore", "从备份恢复…"), theme.UploadIcon(), u.chooseRestore)
	p.retention = widget.NewButton(lang.X("retention.title", "个人信息保留期审查"), func() { u.Show(ScreenRetention) })
	p.tasksRetention = widget.NewButton(lang.X("retention.title", "个人信息保留期审查"), func() { u.Show(ScreenRetention) })
	p.tasksBar = container.NewHBox(layout.NewSpacer(), p.tasksRetention)
	p.identity = []*widget.Label{wrapLabel(""), wrapLabel("")}
	p.note = wrapLabel(lang.X("security.note", "备份文件用本机口令加密，可存到U盘；恢复时需输入备份时的口令。"))
	p.note.Importance = widget.LowImportance
	return container.NewVBox(container.NewHBox(p.change, p.backup, p.restore), p.note, p.busy, p.progress,
		container.NewHBox(p.retention))
}

// SetKeys enables 修改口令 and 备份 over k (the encrypted store). NewUI
// finds them on its Services when they are there.
func (u *UI) SetKeys(k Keys) {
	u.keys = k
	u.applySecurity()
}

// SetRestore enables 从备份恢复…: restore replaces the open store with a
// backup and reopens the window on it (Opener.Restore does).
func (u *UI) SetRestore(restore func(r io.ReadCloser, passphrase []byte)) {
	u.restore = restore
	u.applySecurity()
}

// SetRetention enables 个人信息保留期审查 over r.
func (u *UI) SetRetention(r Retention) {
	u.retention = newRetentionScreen(u.ctx, r, u.window)
	u.retention.bg = u.runBackground
	u.retention.onDialog = u.trackDialog
	u.retention.onErased = u.Refresh
	if u.roles != nil {
		u.retention.perm = permissionsOf(u.identity)
	}
	u.applySecurity()
}

// SetRoles makes the window offer only what the signed-in user's role
// allows. Without Roles everything is offered (the server still checks).
func (u *UI) SetRoles(r Roles) {
	u.roles = r
	u.applyRoles()
}

// applyRoles reads the identity and shows or hides the actions of
// managers and admins. It runs again after each login and logout.
func (u *UI) applyRoles() {
	u.identity = nil
	if u.roles != nil {
		ctx, cancel := context.WithTimeout(u.ctx, queryTimeout)
		id, err := u.roles.Identity(ctx)
		cancel()
		if err != nil {
			slog.Error("read identity", "err", err)
		}
		u.identity = &id
	}
	perm := permissionsOf(u.identity)
	u.referrals.perm = perm
	u.referrals.reload()
	if u.retention != nil {
		u.retention.perm = perm
	}
	// 设置 says who is signed in, or that nobody is; 同步 says it only
	// when somebody is, since it tells the logged-out state itself.
	for i, l := range u.security.identity {
		showText(l, "")
		if u.roles != nil && (i == 0 || u.identity.User != "") {
			showText(l, identityText(u.identity, u.ref.zoneName))
		}
	}
}

// applySecurity shows the buttons whose services are there.
func (u *UI) applySecurity() {
	p := u.security
	setShown(p.change, u.keys != nil)
	setShown(p.backup, u.keys != nil)
	setShown(p.restore, u.restore != nil)
	setShown(p.retention, u.retention != nil)
	setShown(p.tasksBar, u.retention != nil)
	setShown(p.note, u.keys != nil)
	// A store without encryption or review (an older build's) has
	// nothing to offer here.
	if p.section != nil {
		setShown(p.section, u.keys != nil || u.restore != nil || u.retention != nil)
	}
}

func setShown(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// showRetention opens the review under 设置; 返回 goes back to the
// screen it was opened from (设置 or 待办).
func (u *UI) showRetention() {
	if u.retention == nil {
		return
	}
	from := u.nav.current
	u.retention.back.OnTapped = func() { u.Show(from) }
	u.retention.reload()
	u.nav.showContent(ScreenSettings, u.retention.content)
}

// askChangePassphrase asks for the old passphrase and the new one twice.
func (u *UI) askChangePassphrase() {
	p := u.security
	p.oldPass, p.oldErr = widget.NewPasswordEntry(), errorLabel()
	p.newPair = newPassphrasePair(lang.X("pass.new", "新口令"))
	old := container.New(layout.NewFormLayout(), boldLabel(lang.X("security.old", "原口令")), container.NewVBox(p.oldPass, p.oldErr))
	save := widget.NewButton(lang.X("security.change_ok", "修改"), nil)
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.X("form.cancel", "取消 (Esc)"), nil)
	body := container.NewVBox(old, p.newPair.content, container.NewHBox(layout.NewSpacer(), cancel, save))
	d := dialog.NewCustomWithoutButtons(lang.X("security.change_title", "修改口令"), body, u.window)
	cancel.OnTapped = d.Hide
	p.changeSave = func() { u.changePassphrase(save) }
	save.OnTapped = p.changeSave
	p.newPair.second.OnSubmitted = func(string) { p.changeSave() }
	p.changeBox = d
	p.newPair.relayout = d.Refresh
	d.Resize(fyne.NewSize(480, body.MinSize().Height+80))
	d.Show()
	u.trackDialog(d)
	u.window.Canvas().Focus(p.oldPass)
}

// changePassphrase re-wraps the key in the background; a wrong old
// passphrase is shown beside its entry.
func (u *UI) changePassphrase(save *widget.Button) {
	p := u.security
	showText(p.oldErr, "")
	newPass, ok := p.newPair.check()
	if !ok {
		return
	}
	old := []byte(p.oldPass.Text)
	save.Disable()
	u.background(func(ctx context.Context) error {
		return u.keys.ChangePassphrase(ctx, old, newPass)
	}, func(err error) {
		save.Enable()
		switch {
		case errors.Is(err, ErrWrongPassphrase):
			showText(p.oldErr, lang.X("security.old_wrong", "原口令不正确"))
			p.changeBox.Refresh()
		case err != nil:
			u.showError(lang.X("security.change_failed", "修改口令失败"), err)
		default:
			slog.Info("passphrase changed")
			p.changeBox.Hide()
			showText(p.busy, lang.X("security.changed", "口令已修改。下次启动请用新口令。"))
		}
	})
}

// askBackup asks for the store's passphrase, which seals the backup (so
// that the restored store opens with it), checks it, then asks where to
// save the backup.
func (u *UI) askBackup() {
	p := u.security
	p.backupPass, p.backupErr = widget.NewPasswordEntry(), errorLabel()
	next := widget.NewButton(lang.X("security.backup_next", "选择保存位置…"), nil)
	next.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.X("form.cancel", "取消 (Esc)"), nil)
	form := container.New(layout.NewFormLayout(), boldLabel(lang.X("security.backup_pass", "本机口令")), container.NewVBox(p.backupPass, p.backupErr))
	body := container.NewVBox(wrapLabel(lang.X("security.backup_intro", "备份包含本机全部数据，用本机口令加密。恢复时需输入备份时的口令。")),
		form, container.NewHBox(layout.NewSpacer(), cancel, next))
	d := dialog.NewCustomWithoutButtons(lang.X("security.backup_title", "备份本机数据"), body, u.window)
	cancel.OnTapped = d.Hide
	p.backupNext = func() {
		pass := []byte(p.backupPass.Text)
		next.Disable()
		u.background(func(ctx context.Context) error { return u.keys.Backup(ctx, stopWriter{}, pass) }, func(err error) {
			next.Enable()
			switch {
			case errors.Is(err, ErrWrongPassphrase) || len(pass) == 0:
				showText(p.backupErr, lang.X("security.backup_wrong", "口令不正确，请输入本机当前的口令"))
				d.Refresh()
			case err != nil && !errors.Is(err, errStopWrite):
				d.Hide()
				u.showError(lang.X("security.backup_failed", "备份失败"), err)
			default:
				d.Hide()
				u.chooseBackupFile(pass)
			}
		})
	}
	next.OnTapped = p.backupNext
	p.backupPass.OnSubmitted = func(string) { p.backupNext() }
	p.backupBox = d
	d.Resize(fyne.NewSize(480, body.MinSize().Height+80))
	d.Show()
	u.trackDialog(d)
	u.window.Canvas().Focus(p.backupPass)
}

// stopWriter refuses the first write: Backup checks the passphrase
// before it writes, so a backup into it tells a wrong passphrase apart
// without writing a file the user would then have to delete.
type stopWriter struct{}

var errStopWrite = errors.New("passphrase checked")

func (stopWriter) Write([]byte) (int, error) { return 0, errStopWrite }

// chooseBackupFile asks where to save the backup and writes it.
func (u *UI) chooseBackupFile(pass []byte) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		u.writeBackup(w, pass)
	}, u.window)
	d.SetFileName("shanhai-" + time.Now().Format("20060102") + backupExt)
	d.Show()
}

// writeBackup writes the backup to w off the UI goroutine, with the
// buttons disabled and the progress bar running.
func (u *UI) writeBackup(w io.WriteCloser, pass []byte) {
	p := u.security
	p.backup.Disable()
	p.restore.Disable()
	showText(p.busy, lang.X("security.backing_up", "正在备份…"))
	p.progress.Show()
	p.progress.Start()
	u.background(func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, backupTimeout)
		defer cancel()
		err := u.keys.Backup(ctx, w, pass)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		return err
	}, func(err error) {
		p.progress.Stop()
		p.progress.Hide()
		p.backup.Enable()
		p.restore.Enable()
		if err != nil {
			// A half-written backup must not pass for a good one.
			if f, ok := w.(fyne.URIWriteCloser); ok {
				if derr := fynestorage.Delete(f.URI()); derr != nil {
					slog.Warn("remove failed backup", "uri", f.URI(), "err", derr)
				}
			}
			showText(p.busy, "")
			u.showError(lang.X("security.backup_failed", "备份失败"), err)
			return
		}
		slog.Info("backup written")
		showText(p.busy, lang.X("security.backed_up", "备份完成。"))
	})
}

// chooseRestore picks a backup, asks its passphrase and confirms that
// the window reopens on the backup's data.
func (u *UI) chooseRestore() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		askBackupPassphrase(u.window, func(pass []byte) { u.confirmRestore(r, pass) }, func() { r.Close() })
	}, u.window)
	d.Show()
}

// confirmRestore says what happens to the current data before restoring.
func (u *UI) confirmRestore(r io.ReadCloser, pass []byte) {
	msg := wrapLabel(lang.X("restore.confirm", "将用备份中的数据替换本机数据。当前数据文件会移到一旁保存，不会删除；其中尚未同步的修改不会带到恢复后的数据中。"))
	d := dialog.NewCustomConfirm(lang.X("forgot.restore", "从备份恢复…"), lang.X("restore.ok", "恢复"), lang.X("form.cancel", "取消 (Esc)"), msg, func(ok bool) {
		if !ok {
			r.Close()
			return
		}
		u.restore(r, pass)
	}, u.window)
	d.Resize(fyne.NewSize(460, d.MinSize().Height))
	d.Show()
	u.trackDialog(d)
}

// Detach stops the window's queries before its store is closed under it
// (a restore); the Opener then builds a new UI in the same window.
func (u *UI) Detach() { u.cancel() }
