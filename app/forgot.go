package app

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/record"
)

// forgotScreen is 忘记口令: what would be lost by starting a new store
// (the unsent changes by kind, the last sync), what comes back (all that
// reached the server), and the two ways on: restore a backup, or set the
// locked file aside and start a new store.
type forgotScreen struct {
	lost    []string // the lines that count what would be lost, for tests
	restore *widget.Button
	fresh   *widget.Button
	back    *widget.Button
	confirm *dialog.ConfirmDialog
	content fyne.CanvasObject
}

// showForgot shows 忘记口令 in place of the unlock screen.
func (o *Opener) showForgot() {
	f := &forgotScreen{lost: lostLines(o.probe)}
	heading := widget.NewLabelWithStyle(lang.X("forgot.title", "忘记口令"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	objs := []fyne.CanvasObject{heading,
		wrapLabel(lang.X("forgot.no_recovery", "口令无法找回：本机数据用口令加密，没有口令，谁也打不开，包括我们。")),
	}
	for _, l := range f.lost {
		lbl := wrapLabel(l)
		if o.probe.Pending > 0 || o.probe.LastSync.IsZero() {
			lbl.Importance = widget.WarningImportance
		}
		objs = append(objs, lbl)
	}
	if !o.probe.LastSync.IsZero() {
		objs = append(objs, wrapLabel(lang.X("forgot.comes_back", "已同步到服务器的数据不会丢：另起新库后重新登录，同步时会重新下载。")))
	}
	objs = append(objs, wrapLabel(lang.X("forgot.kept", "原数据文件不会删除，只移到一旁保存；日后想起口令，仍可用它恢复。")))
	f.restore = widget.NewButtonWithIcon(lang.X("forgot.restore", "从备份恢复…"), theme.UploadIcon(), o.chooseBackup)
	f.fresh = widget.NewButton(lang.X("forgot.fresh", "另起新库"), o.confirmFresh)
	f.fresh.Importance = widget.DangerImportance
	f.back = widget.NewButtonWithIcon(lang.X("nav.back", "返回"), theme.NavigateBackIcon(), o.showUnlock)
	objs = append(objs, container.NewHBox(f.back, layout.NewSpacer(), f.restore, f.fresh))
	o.forgotScreen = f
	f.content = container.NewVBox(objs...)
	o.setPage(f.content)
	// Esc goes back to the passphrase entry, as 返回 does.
	o.window.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape && o.forgotScreen == f {
			o.showUnlock()
		}
	})
}

// lostLines says in plain words what 另起新库 would lose.
func lostLines(p Probe) []string {
	var out []string
	if p.Pending == 0 {
		out = append(out, lang.X("forgot.nothing_pending", "本机没有尚未同步的修改。"))
	} else {
		var kinds []string
		for _, k := range record.Kinds {
			if n := p.PendingByKind[k]; n > 0 {
				kinds = append(kinds, lang.X("forgot.pending_kind", "{{.Kind}} {{.Count}} 条", map[string]any{"Kind": kindLabel(k), "Count": n}))
			}
		}
		out = append(out, lang.X("forgot.pending", "尚未同步的{{.Count}}条修改将会丢失：{{.Kinds}}。",
			map[string]any{"Count": p.Pending, "Kinds": strings.Join(kinds, lang.X("forgot.list_sep", "、"))}))
	}
	if p.LastSync.IsZero() {
		out = append(out, lang.X("forgot.never_synced", "本机从未同步：全部数据都只在这台电脑上，另起新库将全部丢失。"))
	} else {
		out = append(out, lang.X("forgot.last_sync", "上次同步：{{.Time}}。此后的修改只在本机。", map[string]any{"Time": p.LastSync.Local().Format(time.DateTime)}))
	}
	return out
}

// confirmFresh asks once more before setting the locked file aside.
func (o *Opener) confirmFresh() {
	msg := wrapLabel(lang.X("forgot.confirm", "确定另起新库？尚未同步的修改将无法再用；原数据文件会移到一旁保存，不会删除。"))
	d := dialog.NewCustomConfirm(lang.X("forgot.fresh", "另起新库"), lang.X("forgot.fresh", "另起新库"), lang.X("form.cancel", "取消 (Esc)"),
		msg, func(ok bool) {
			if ok {
				o.startFresh()
			}
		}, o.window)
	d.SetConfirmImportance(widget.DangerImportance)
	o.forgotScreen.confirm = d
	d.Show()
}

// startFresh sets the locked file aside and asks for a new passphrase;
// the new store then opens on 同步, where the user logs in again.
func (o *Opener) startFresh() {
	o.working(lang.X("forgot.moving", "正在把原数据文件移到一旁…"))
	var moved string
	o.background(func(ctx context.Context) error {
		var err error
		moved, err = o.vault.SetAside(ctx)
		return err
	}, func(err error) {
		o.progress.Stop()
		if err != nil {
			slog.Error("set store aside", "err", err)
			o.showForgot()
			dialog.ShowError(err, o.window)
			return
		}
		slog.Info("locked store set aside", "moved", moved)
		o.probe = Probe{}
		o.after = ScreenSync
		o.showSetPassphrase()
		o.busy.SetText(lang.X("forgot.moved", "原数据文件已移到：{{.Path}}", map[string]any{"Path": moved}))
		o.relayout()
	})
}

// chooseBackup picks a backup file and asks for its passphrase.
func (o *Opener) chooseBackup() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		askBackupPassphrase(o.window, func(pass []byte) { o.Restore(r, pass) }, func() { r.Close() })
	}, o.window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{backupExt}))
	d.Show()
}

// backupExt is the file name ending of backups the window writes.
const backupExt = ".shanhai-backup"

// askBackupPassphrase asks for the passphrase a backup was made with and
// passes it on; cancel runs when the user gives up.
func askBackupPassphrase(w fyne.Window, ok func([]byte), cancel func()) {
	entry := widget.NewPasswordEntry()
	items := []*widget.FormItem{widget.NewFormItem(lang.X("restore.passphrase", "备份时的口令"), entry)}
	d := dialog.NewForm(lang.X("forgot.restore", "从备份恢复…"), lang.X("restore.ok", "恢复"), lang.X("form.cancel", "取消 (Esc)"), items, func(yes bool) {
		if !yes || entry.Text == "" {
			cancel()
			return
		}
		ok([]byte(entry.Text))
	}, w)
	entry.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
	w.Canvas().Focus(entry)
}
