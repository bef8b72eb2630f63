package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/record"
)

// msg returns the problem shown beside a form field, "" when none.
func msg(d *formDialog, field string) string {
	ff := d.form.byName[field]
	if ff == nil || !ff.msg.Visible() {
		return ""
	}
	return ff.msg.Text
}

func enterpriseCount(f *fakeServices) int {
	n := 0
	for _, r := range f.records {
		if r.Kind() == record.KindEnterprise {
			n++
		}
	}
	return n
}

// TestNewEnterpriseForm drives Ctrl+N from the search box, a save with the
// name missing (error beside the field), a bad number, then a good save
// that stores the enterprise and opens its detail.
func TestNewEnterpriseForm(t *testing.T) {
	svc := sampleServices()
	u := newTestUI(t, svc)
	u.enterprises.search.TypedShortcut(ctrl(fyne.KeyN))
	d := u.form
	if d == nil || !d.create {
		t.Fatal("Ctrl+N did not open the new-enterprise form")
	}
	if u.window.Canvas().Focused() != d.form.byName["name"].entry {
		t.Error("the name field does not have the focus")
	}
	c := u.window.Canvas()
	for _, next := range []string{"short_name", "credit_code", "industry_code", "region_code", "address"} {
		c.FocusNext()
		if c.Focused() != d.form.byName[next].entry {
			t.Errorf("Tab did not move to %s", next)
		}
	}
	test.Tap(d.save)
	if got := msg(d, "name"); got != "企业名称为必填项" {
		t.Errorf("name message = %q", got)
	}
	if enterpriseCount(svc) != 3 || u.form != d {
		t.Fatal("an invalid form was saved or closed")
	}
	test.Type(d.form.byName["employees"].entry, "三百")
	if got := msg(d, "employees"); got != "请输入整数" {
		t.Errorf("employees message = %q", got)
	}
	d.form.byName["employees"].entry.SetText("300")
	test.Type(d.form.byName["name"].entry, "台州天和汽车部件有限公司")
	if got := msg(d, "name"); got != "" {
		t.Errorf("name message after typing = %q", got)
	}
	d.form.byName["name"].entry.TypedShortcut(ctrl(fyne.KeyS))
	if u.form != nil {
		t.Fatalf("Ctrl+S did not save: messages %q", d.form.general.Text)
	}
	last := svc.records[len(svc.records)-1].(*record.Enterprise)
	if last.Name != "台州天和汽车部件有限公司" || last.Employees == nil || *last.Employees != 300 || last.Stage != record.StageLead {
		t.Errorf("stored %+v", last)
	}
	if u.detail.ent == nil || u.detail.ent.ID != last.ID || u.nav.stack.Objects[0] != u.detail.content {
		t.Error("the new enterprise's detail is not shown")
	}
	if u.prefs.String(d.draftKey) != "" {
		t.Error("the draft survived a successful save")
	}
}

// TestDuplicateWarningOpensExisting types the name of a stored enterprise:
// the warning names it, and its button opens the existing record while
// the draft is kept.
func TestDuplicateWarningOpensExisting(t *testing.T) {
	u := newTestUI(t, sampleServices())
	u.newEnterprise()
	d := u.form
	test.Type(d.form.byName["name"].entry, "绍兴海川智能装备有限公司")
	if !d.dup.Visible() || d.dupLabel.Text != "可能重复：绍兴海川智能装备有限公司（名称相同）" {
		t.Fatalf("duplicate warning visible=%v %q", d.dup.Visible(), d.dupLabel.Text)
	}
	test.Tap(d.dupOpen)
	if u.form != nil || u.detail.ent == nil || u.detail.ent.ID != "E2" {
		t.Error("the button did not open the existing enterprise")
	}
	if !strings.Contains(u.prefs.String("draft.enterprise.new"), "绍兴海川") {
		t.Error("the draft was not kept")
	}
}

// TestDraftSurvivesRestart types into a form, then builds a new window on
// the same preferences (a restart after a crash): the form comes back
// with the text, and 放弃草稿 clears it.
func TestDraftSurvivesRestart(t *testing.T) {
	a := test.NewTempApp(t)
	test.ApplyTheme(t, NewTheme())
	svc := sampleServices()
	u := newTestUIOn(t, a, svc)
	u.newEnterprise()
	test.Type(u.form.form.byName["name"].entry, "衢州未完成")
	test.Type(u.form.form.byName["notes"].entry, "见面谈过")

	u2 := newTestUIOn(t, a, svc)
	u2.newEnterprise()
	d := u2.form
	if got := d.form.byName["name"].entry.Text; got != "衢州未完成" {
		t.Errorf("restored name = %q", got)
	}
	if got := d.form.byName["notes"].entry.Text; got != "见面谈过" {
		t.Errorf("restored notes = %q", got)
	}
	if !d.draftNote.Visible() {
		t.Error("no note that a draft was restored")
	}
	test.Tap(d.discard)
	if d.form.byName["name"].entry.Text != "" || a.Preferences().String("draft.enterprise.new") != "" {
		t.Error("放弃草稿 left the draft")
	}
}

// TestCreditCodeOverride enters a code whose check character is wrong:
// the warning shows beside the field, saving is held until the user ticks
// the confirmation, and the stored record says it was confirmed.
func TestCreditCodeOverride(t *testing.T) {
	const body = "91330604MA2D8L5T0"
	good, err := record.CreditCodeCheckChar(body)
	if err != nil {
		t.Fatal(err)
	}
	bad := byte('1')
	if good == bad {
		bad = '2'
	}
	svc := sampleServices()
	u := newTestUI(t, svc)
	u.newEnterprise()
	d := u.form
	confirm := d.form.byName["credit_code_confirmed"]
	if confirm.row.Visible() {
		t.Error("confirmation shown before any code was typed")
	}
	test.Type(d.form.byName["name"].entry, "温州新港电子有限公司")
	test.Type(d.form.byName["credit_code"].entry, body+string(bad))
	if got := msg(d, "credit_code"); !strings.Contains(got, "校验") {
		t.Errorf("credit code message = %q", got)
	}
	if d.form.byName["credit_code"].msg.Importance != widget.WarningImportance {
		t.Error("the check-character problem is not shown as a warning")
	}
	if !confirm.row.Visible() {
		t.Fatal("no way to confirm the code")
	}
	test.Tap(d.save)
	if u.form == nil {
		t.Fatal("saved an unconfirmed code that fails its check")
	}
	test.Tap(confirm.check)
	if got := msg(d, "credit_code"); got != "" {
		t.Errorf("message after confirming = %q", got)
	}
	test.Tap(d.save)
	if u.form != nil {
		t.Fatal("the confirmed code was not saved")
	}
	last := svc.records[len(svc.records)-1].(*record.Enterprise)
	if !last.CreditCodeConfirmed || last.CreditCode != body+string(bad) {
		t.Errorf("stored code %q confirmed=%v", last.CreditCode, last.CreditCodeConfirmed)
	}
}

// TestEditEnterpriseAndEscape edits from the detail: dropping the
// enterprise needs a reason (shown beside that field); Esc closes the form
// without saving.
func TestEditEnterpriseAndEscape(t *testing.T) {
	svc := sampleServices()
	u := newTestUI(t, svc)
	u.openEnterprise("E1")
	test.Tap(u.detail.edit)
	d := u.form
	if d == nil || d.create || d.form.byName["name"].entry.Text != "浙江青山新材料有限公司" {
		t.Fatal("edit form not filled from the record")
	}
	d.form.byName["stage"].choice.SetSelected("放弃")
	test.Tap(d.save)
	if got := msg(d, "close_reason"); got != "阶段为“放弃”时必须填写放弃/转介原因" {
		t.Errorf("close_reason message = %q", got)
	}
	test.Type(d.form.byName["close_reason"].entry, "企业另选址")
	d.form.byName["close_reason"].entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.form != nil {
		t.Fatal("Esc did not close the form")
	}
	if e := svc.records[0].(*record.Enterprise); e.Stage != record.StageLead {
		t.Errorf("Esc saved the edit: stage %s", e.Stage)
	}
	test.Tap(u.detail.edit)
	u.form.form.byName["stage"].choice.SetSelected("放弃")
	test.Type(u.form.form.byName["close_reason"].entry, "企业另选址")
	test.Tap(u.form.save)
	if e := svc.records[0].(*record.Enterprise); e.Stage != record.StageDropped || e.CloseReason != "企业另选址" {
		t.Errorf("after save: stage %s, reason %q", e.Stage, e.CloseReason)
	}
	if !strings.Contains(u.detail.subtitle.Text, "放弃") {
		t.Errorf("detail not refreshed: %q", u.detail.subtitle.Text)
	}
}

// TestAddContactFromDetail adds a contact through the detail's 联系人 tab;
// a bad mobile number is reported beside the field.
func TestAddContactFromDetail(t *testing.T) {
	svc := sampleServices()
	u := newTestUI(t, svc)
	u.openEnterprise("E3")
	test.Tap(u.detail.adds[record.KindContact])
	d := u.form
	test.Type(d.form.byName["name"].entry, "李卫东")
	test.Type(d.form.byName["mobile"].entry, "12345")
	test.Tap(d.save)
	if got := msg(d, "mobile"); !strings.Contains(got, "不是有效的中国大陆手机号") {
		t.Errorf("mobile message = %q", got)
	}
	d.form.byName["mobile"].entry.SetText("138 0575 1234")
	test.Tap(d.save)
	if u.form != nil {
		t.Fatalf("contact not saved: %q", msg(d, "mobile"))
	}
	c := svc.records[len(svc.records)-1].(*record.Contact)
	if c.EnterpriseID != "E3" || c.Mobile != "+8613805751234" {
		t.Errorf("stored contact %+v", c)
	}
	u.detail.tabs.SelectIndex(1)
	if !strings.Contains(test.RenderToMarkup(u.Window().Canvas()), "李卫东") {
		t.Error("the contacts tab does not show the new contact")
	}
}
