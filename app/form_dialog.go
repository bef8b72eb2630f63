package app

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// formDialog is a new/edit form in a dialog: the form, a note when a
// draft was restored, the duplicate warning, and 保存 / 取消. Every edit
// is saved as a draft in the preferences, so a crash or restart loses
// nothing; saving or cancelling removes the draft.
type formDialog struct {
	u        *UI
	form     *recordForm
	create   bool
	draftKey string

	draftNote *fyne.Container
	discard   *widget.Button
	dup       *fyne.Container
	dupLabel  *widget.Label
	dupOpen   *widget.Button
	dupID     string
	save      *widget.Button
	cancel    *widget.Button
	dlg       *dialog.CustomDialog
	onSaved   func(record.Record)
}

// draftKey names the preference holding a form's draft: one per edited
// record, and one per kind and parent for a new record.
func draftKey(base record.Record, create bool) string {
	key := "draft." + string(base.Kind()) + "."
	if !create {
		return key + base.Header().ID
	}
	if c, ok := base.(record.Child); ok {
		return key + "new." + c.Parent()
	}
	return key + "new"
}

// openForm shows a form for base (a stored record to edit, or a new one
// with only its parent set) and calls onSaved with the stored record.
func (u *UI) openForm(title string, base record.Record, specs []fieldSpec, create bool, onSaved func(record.Record)) *formDialog {
	if u.form != nil {
		u.form.close(false)
	}
	d := &formDialog{u: u, create: create, draftKey: draftKey(base, create), onSaved: onSaved}
	d.form = newRecordForm(base, specs, u.shortcut)
	d.form.onChange = d.changed

	d.discard = widget.NewButton(lang.X("form.discard_draft", "放弃草稿"), d.discardDraft)
	d.draftNote = container.NewHBox(widget.NewLabel(lang.X("form.draft_restored", "已恢复上次未保存的草稿。")), d.discard)
	d.draftNote.Hide()
	d.dupLabel = widget.NewLabel("")
	d.dupLabel.Importance = widget.WarningImportance
	d.dupLabel.Wrapping = fyne.TextWrapWord
	d.dupOpen = widget.NewButtonWithIcon(lang.X("form.open_existing", "打开已有记录"), theme.NavigateNextIcon(), d.openDuplicate)
	d.dup = container.NewBorder(nil, nil, nil, d.dupOpen, d.dupLabel)
	d.dup.Hide()

	d.save = widget.NewButtonWithIcon(lang.X("form.save", "保存 (Ctrl+S)"), theme.DocumentSaveIcon(), d.submit)
	d.save.Importance = widget.HighImportance
	d.cancel = widget.NewButton(lang.X("form.cancel", "取消 (Esc)"), func() { d.close(true) })
	buttons := container.NewHBox(layout.NewSpacer(), d.cancel, d.save)
	top := container.NewVBox(d.draftNote, d.dup)
	body := container.NewBorder(top, buttons, nil, nil, container.NewVScroll(d.form.content))
	d.dlg = dialog.NewCustomWithoutButtons(title, body, u.window)
	d.dlg.Resize(fyne.NewSize(760, 580))

	d.restoreDraft()
	d.refreshCreditConfirm()
	u.form = d
	d.dlg.Show()
	if first := d.form.fields[0]; first.entry != nil {
		u.window.Canvas().Focus(first.entry)
	}
	return d
}

// changed runs after every edit: it saves the draft and rechecks for
// duplicates and the credit-code override.
func (d *formDialog) changed() {
	d.saveDraft()
	d.refreshCreditConfirm()
	d.checkDuplicates()
}

func (d *formDialog) saveDraft() {
	b, err := json.Marshal(d.form.values())
	if err != nil {
		return
	}
	d.u.prefs.SetString(d.draftKey, string(b))
}

func (d *formDialog) restoreDraft() {
	s := d.u.prefs.String(d.draftKey)
	if s == "" {
		return
	}
	var m map[string]string
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		slog.Warn("unreadable form draft dropped", "key", d.draftKey, "err", err)
		d.u.prefs.RemoveValue(d.draftKey)
		return
	}
	d.form.setValues(m)
	d.draftNote.Show()
	d.checkDuplicates()
}

func (d *formDialog) discardDraft() {
	d.u.prefs.RemoveValue(d.draftKey)
	d.form.touched = map[string]bool{}
	d.form.setRecord(d.form.base)
	d.form.validate()
	d.draftNote.Hide()
	d.dup.Hide()
	d.refreshCreditConfirm()
}

// refreshCreditConfirm shows the "save this credit code anyway" box only
// while the code fails its check character (or was confirmed before).
func (d *formDialog) refreshCreditConfirm() {
	confirm, ok := d.form.byName["credit_code_confirmed"]
	if !ok {
		return
	}
	_, ps := record.CheckCreditCode(d.form.byName["credit_code"].text())
	show := confirm.check.Checked
	for _, p := range ps {
		show = show || p.Rule == "credit_code_check"
	}
	if show {
		confirm.label.Show()
		confirm.row.Show()
	} else {
		confirm.label.Hide()
		confirm.row.Hide()
	}
}

// checkDuplicates warns, on create, about stored enterprises that may be
// the one being typed in.
func (d *formDialog) checkDuplicates() {
	e, ok := d.form.base.(*record.Enterprise)
	if !ok || !d.create {
		return
	}
	rec, _ := d.form.record()
	cur := rec.(*record.Enterprise)
	cur.ID = e.ID
	if cur.Name == "" && cur.CreditCode == "" {
		d.dup.Hide()
		return
	}
	ctx, cancel := context.WithTimeout(d.u.ctx, queryTimeout)
	defer cancel()
	dups, err := d.u.svc.FindDuplicates(ctx, cur, nil)
	if err != nil {
		slog.Error("find duplicates", "err", err)
		return
	}
	if len(dups) == 0 {
		d.dup.Hide()
		return
	}
	d.showDuplicate(dups[0].ID, dups[0].Name, duplicateReason(dups[0]))
}

func (d *formDialog) showDuplicate(id, name, why string) {
	d.dupID = id
	d.dupLabel.SetText(lang.X("form.duplicate", "可能重复：{{.Name}}（{{.Reason}}）", map[string]any{"Name": name, "Reason": why}))
	d.dup.Show()
	d.dup.Refresh()
}

// openDuplicate closes the form, keeping its draft, and shows the
// existing record.
func (d *formDialog) openDuplicate() {
	d.close(false)
	d.u.openEnterprise(d.dupID)
}

// submit validates and stores the record. Blocking problems, and a credit
// code the user has not confirmed, keep the form open with the problem
// shown beside its field.
func (d *formDialog) submit() {
	d.form.showAll = true
	rec, ps := d.form.validate()
	blocked := ps.Errors()
	for _, p := range ps.Warnings() {
		if p.Rule == "credit_code_check" {
			blocked = append(blocked, p)
		}
	}
	if len(blocked) > 0 {
		d.focus(blocked)
		return
	}
	ctx, cancel := context.WithTimeout(d.u.ctx, queryTimeout)
	defer cancel()
	var err error
	if d.create {
		err = d.u.svc.Create(ctx, rec)
	} else {
		err = d.u.svc.Update(ctx, rec)
	}
	var ve *record.ValidationError
	var de *storage.DuplicateError
	switch {
	case errors.As(err, &ve):
		d.form.show(ve.Problems)
		d.focus(ve.Problems)
		return
	case errors.As(err, &de):
		d.showDuplicate(de.ID, de.ID, lang.X("form.same_credit_code", "统一社会信用代码相同"))
		return
	case err != nil:
		d.u.showError(lang.X("form.save_failed", "保存失败"), err)
		return
	}
	d.close(true)
	if d.onSaved != nil {
		d.onSaved(rec)
	}
}

func (d *formDialog) focus(ps record.Problems) {
	if ff := d.form.firstError(ps); ff != nil && ff.entry != nil {
		d.u.window.Canvas().Focus(ff.entry)
	}
}

// close hides the dialog; dropDraft removes its draft (save, cancel),
// otherwise the draft stays for next time.
func (d *formDialog) close(dropDraft bool) {
	if dropDraft {
		d.u.prefs.RemoveValue(d.draftKey)
	}
	d.dlg.Hide()
	if d.u.form == d {
		d.u.form = nil
	}
}
