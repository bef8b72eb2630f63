package app

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/record"
)

// ScreenVisit is the 走访 quick visit entry.
const ScreenVisit Screen = "visit"

// quickVisit is the one-screen visit entry: pick the enterprise by
// typing, the date defaults to today, a few lines, Ctrl+Enter saves.
type quickVisit struct {
	ctx   context.Context
	svc   Services
	prefs fyne.Preferences

	picker  *enterprisePicker
	form    *recordForm
	save    *widget.Button
	saved   *widget.Label
	content fyne.CanvasObject
	// onSaved runs after a visit is stored.
	onSaved func()
}

// quickVisitDraft is the preference holding the quick visit being typed.
const quickVisitDraft = "draft.visit.quick"

func newQuickVisit(ctx context.Context, svc Services, prefs fyne.Preferences, keys func(fyne.Shortcut) bool) *quickVisit {
	q := &quickVisit{ctx: ctx, svc: svc, prefs: prefs}
	q.picker = newEnterprisePicker(ctx, svc, keys)
	q.form = newRecordForm(&record.Visit{Date: today()}, []fieldSpec{
		{name: "date", placeholder: lang.X("form.ph_date", "YYYY-MM-DD")},
		{name: "summary", input: inputMultiline},
		{name: "outcome"},
		{name: "next_step"},
	}, keys)
	q.picker.onPick = func(id string) {
		q.form.base = &record.Visit{EnterpriseID: id}
		q.saveDraft()
	}
	q.form.onChange = q.saveDraft
	q.save = widget.NewButtonWithIcon(lang.X("visit.save", "保存走访 (Ctrl+Enter)"), theme.DocumentSaveIcon(), q.submit)
	q.save.Importance = widget.HighImportance
	q.saved = widget.NewLabel("")
	q.saved.Importance = widget.SuccessImportance
	q.saved.Hide()

	title := widget.NewLabelWithStyle(lang.X("visit.title", "快速记录走访"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	q.form.prepend(fieldLabel(record.KindVisit, "enterprise_id"), q.picker.content)
	buttons := container.NewHBox(q.save, q.saved)
	q.content = container.NewVScroll(container.NewVBox(title, q.form.content, buttons))
	q.restoreDraft()
	return q
}

// saveDraft keeps what has been typed, and the enterprise chosen, so a
// crash or restart loses nothing.
func (q *quickVisit) saveDraft() {
	m := q.form.values()
	m["enterprise_id"], m["enterprise_name"] = q.picker.id, q.picker.name
	if b, err := json.Marshal(m); err == nil {
		q.prefs.SetString(quickVisitDraft, string(b))
	}
}

func (q *quickVisit) restoreDraft() {
	var m map[string]string
	if s := q.prefs.String(quickVisitDraft); s == "" || json.Unmarshal([]byte(s), &m) != nil {
		return
	}
	if id := m["enterprise_id"]; id != "" {
		q.picker.pick(enterpriseRow{id: id, name: m["enterprise_name"]})
	}
	q.form.setValues(m)
}

// submit stores the visit and clears the screen for the next one.
func (q *quickVisit) submit() {
	q.form.showAll = true
	rec, ps := q.form.validate()
	if q.picker.id == "" {
		q.picker.complain(lang.X("visit.pick_first", "请先选择走访的企业"))
		q.form.general.Hide()
		return
	}
	if len(ps.Errors()) > 0 {
		return
	}
	ctx, cancel := context.WithTimeout(q.ctx, queryTimeout)
	defer cancel()
	err := q.svc.Create(ctx, rec)
	var ve *record.ValidationError
	if errors.As(err, &ve) {
		q.form.show(ve.Problems)
		return
	}
	if err != nil {
		slog.Error("save visit", "err", err)
		q.saved.Importance = widget.DangerImportance
		q.saved.SetText(lang.X("visit.failed", "保存失败：{{.Error}}", map[string]any{"Error": err.Error()}))
		q.saved.Show()
		return
	}
	q.saved.Importance = widget.SuccessImportance
	q.saved.SetText(lang.X("visit.saved", "已保存：{{.Name}} {{.Date}}", map[string]any{"Name": q.picker.name, "Date": rec.(*record.Visit).Date}))
	q.saved.Show()
	q.reset()
	q.prefs.RemoveValue(quickVisitDraft)
	if q.onSaved != nil {
		q.onSaved()
	}
}

// reset empties the screen for the next visit; the date goes back to
// today.
func (q *quickVisit) reset() {
	q.picker.reset()
	q.form.base = &record.Visit{Date: today()}
	q.form.showAll = false
	q.form.touched = map[string]bool{}
	q.form.setRecord(q.form.base)
	q.form.show(nil)
}
