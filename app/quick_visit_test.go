package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/shanhaifield/shanhai/record"
)

// TestQuickVisit types an enterprise into the picker, a summary, and
// saves with Ctrl+Enter from the summary box: the visit is stored with
// today's date and the screen is ready for the next one.
func TestQuickVisit(t *testing.T) {
	svc := sampleServices()
	u := newTestUI(t, svc)
	test.Tap(u.nav.buttons[ScreenVisit])
	q := u.visit
	if got := q.form.byName["date"].entry.Text; got != today() {
		t.Errorf("date = %q, want today %s", got, today())
	}
	summary := q.form.byName["summary"].entry
	test.Type(summary, "参观厂房")
	summary.TypedShortcut(ctrl(fyne.KeyReturn))
	if q.picker.msg.Text != "请先选择走访的企业" || !q.picker.msg.Visible() {
		t.Errorf("no enterprise: message %q", q.picker.msg.Text)
	}
	test.Type(q.picker.search, "海川")
	if q.picker.id != "E2" || q.picker.chosen.Text != "已选：绍兴海川智能装备有限公司" {
		t.Fatalf("picker chose %q (%q)", q.picker.id, q.picker.chosen.Text)
	}
	test.Type(q.form.byName["next_step"].entry, "报送用地测算")
	q.form.byName["next_step"].entry.TypedShortcut(ctrl(fyne.KeyS))
	v, ok := svc.records[len(svc.records)-1].(*record.Visit)
	if !ok || v.EnterpriseID != "E2" || v.Date != today() || v.Summary != "参观厂房" || v.NextStep != "报送用地测算" {
		t.Fatalf("stored %+v", svc.records[len(svc.records)-1])
	}
	if q.saved.Text != "已保存：绍兴海川智能装备有限公司 "+today() || q.picker.id != "" || summary.Text != "" {
		t.Errorf("after save: %q, pick %q, summary %q", q.saved.Text, q.picker.id, summary.Text)
	}
}

// TestQuickVisitDraft restarts the window halfway through a visit: the
// enterprise and the text come back; saving clears the draft.
func TestQuickVisitDraft(t *testing.T) {
	a := test.NewTempApp(t)
	test.ApplyTheme(t, NewTheme())
	svc := sampleServices()
	u := newTestUIOn(t, a, svc)
	test.Type(u.visit.picker.search, "东港")
	test.Type(u.visit.form.byName["summary"].entry, "谈了仓库扩建")

	q := newTestUIOn(t, a, svc).visit
	if q.picker.id != "E3" || q.picker.chosen.Text != "已选：宁波东港物流有限公司" || q.form.byName["summary"].entry.Text != "谈了仓库扩建" {
		t.Fatalf("restored pick %q %q, summary %q", q.picker.id, q.picker.chosen.Text, q.form.byName["summary"].entry.Text)
	}
	test.Tap(q.save)
	if a.Preferences().String(quickVisitDraft) != "" {
		t.Error("the draft survived the save")
	}
	if v := svc.records[len(svc.records)-1].(*record.Visit); v.EnterpriseID != "E3" {
		t.Errorf("stored %+v", v)
	}
}

// TestQuickVisitBadDate shows the date problem beside the date.
func TestQuickVisitBadDate(t *testing.T) {
	svc := sampleServices()
	u := newTestUI(t, svc)
	u.Show(ScreenVisit)
	q := u.visit
	q.picker.list.Select(0) // nothing listed yet: ignored
	test.Type(q.picker.search, "青山")
	q.form.byName["date"].entry.SetText("2026-13-40")
	test.Tap(q.save)
	if got := q.form.byName["date"].msg.Text; got == "" || !q.form.byName["date"].msg.Visible() {
		t.Error("no message beside a bad date")
	}
	if len(svc.records) != 4 {
		t.Error("a visit with a bad date was stored")
	}
}
