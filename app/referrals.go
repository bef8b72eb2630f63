package app

import (
	"context"
	"encoding/json"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// ScreenReferrals is the 共引 screen.
const ScreenReferrals Screen = "referrals"

// prefZone is the preference holding the user's own zone ID, which tells
// sent referrals from received ones.
const prefZone = "user.zone"

// referralsScreen is 共引: referrals sent and received, their status and
// deadline, with accept / return (with a reason) / landed for the
// receiving side.
type referralsScreen struct {
	ctx    context.Context
	svc    Services
	ref    *reference
	prefs  fyne.Preferences
	window fyne.Window

	filter *widget.RadioGroup
	hint   *widget.Label
	// roleHint says who answers referrals when this user may not.
	roleHint *widget.Label
	body     *fyne.Container
	cards    map[string]*referralCard // by referral ID, for tests
	content  fyne.CanvasObject
	// returning is the open "return with a reason" entry and its confirm.
	returnEntry *keyEntry
	returnOK    func()
	onChange    func()
	// onDialog is told of each dialog shown, so Esc can close it.
	onDialog func(dialog.Dialog)
	// keys handles the window shortcuts typed in the reason box.
	keys func(fyne.Shortcut) bool
	// perm decides who sees accept, return and landed: managers of the
	// receiving zone and admins (docs/roles.md).
	perm permissions
}

// referralCard holds one referral's action buttons.
type referralCard struct {
	accept, giveBack, landed *widget.Button
}

func newReferralsScreen(ctx context.Context, svc Services, ref *reference, prefs fyne.Preferences, w fyne.Window) *referralsScreen {
	s := &referralsScreen{ctx: ctx, svc: svc, ref: ref, prefs: prefs, window: w, body: container.NewVBox(), perm: permissionsOf(nil)}
	all, sent, received := lang.X("referrals.all", "全部"), lang.X("referrals.sent", "我区转出"), lang.X("referrals.received", "转入我区")
	s.filter = widget.NewRadioGroup([]string{all, sent, received}, func(string) { s.reload() })
	s.filter.Horizontal = true
	s.filter.Selected = all
	s.hint = widget.NewLabel(lang.X("referrals.hint", "在“设置”中选择本人所在开发区后，可区分转出和转入。"))
	s.hint.Importance = widget.LowImportance
	title := widget.NewLabelWithStyle(lang.X("referrals.title", "项目共引"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.roleHint = widget.NewLabel(lang.X("referrals.role_hint", "接收、退回转介由转入开发区的管理员操作。"))
	s.roleHint.Importance = widget.LowImportance
	s.roleHint.Hide()
	s.content = container.NewBorder(container.NewVBox(title, s.filter, s.hint, s.roleHint), nil, nil, nil, container.NewVScroll(s.body))
	return s
}

// reload lists the referrals that pass the filter, newest first.
func (s *referralsScreen) reload() {
	ctx, cancel := context.WithTimeout(s.ctx, queryTimeout)
	defer cancel()
	mine := s.prefs.String(prefZone)
	s.roleHint.Hidden = s.perm.answer && s.perm.zone == ""
	if mine == "" {
		s.hint.Show()
	} else {
		s.hint.Hide()
	}
	recs, err := s.svc.List(ctx, record.KindReferral, storage.ListOptions{})
	s.cards = map[string]*referralCard{}
	if err != nil {
		slog.Error("list referrals", "err", err)
		s.body.Objects = []fyne.CanvasObject{wrapLabel(lang.X("referrals.error", "读取转介失败：{{.Error}}", map[string]any{"Error": err.Error()}))}
		s.body.Refresh()
		return
	}
	var objs []fyne.CanvasObject
	for i := len(recs) - 1; i >= 0; i-- {
		r, ok := recs[i].(*record.Referral)
		if !ok || !s.passes(r, mine) {
			continue
		}
		objs = append(objs, s.card(ctx, r))
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel(lang.X("referrals.none", "没有转介记录。可在“筛查”页把企业转介到合适的开发区。")))
	}
	s.body.Objects = objs
	s.body.Refresh()
}

func (s *referralsScreen) passes(r *record.Referral, mine string) bool {
	switch s.filter.Selected {
	case s.filter.Options[1]:
		return r.FromZone == mine
	case s.filter.Options[2]:
		return r.ToZone == mine
	}
	return true
}

// card shows one referral with the actions its status allows.
func (s *referralsScreen) card(ctx context.Context, r *record.Referral) fyne.CanvasObject {
	name := r.EnterpriseID
	if rec, err := s.svc.Get(ctx, r.EnterpriseID); err == nil {
		name = recordTitle(rec)
	}
	status := widget.NewLabelWithStyle(referralStatusLabel(r.Status), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	route := widget.NewLabel(s.ref.zoneName(r.FromZone) + " → " + s.ref.zoneName(r.ToZone))
	dates := widget.NewLabel(lang.X("referrals.dates", "转出 {{.Sent}} · 答复期限 {{.Deadline}}", map[string]any{"Sent": r.SentOn, "Deadline": r.Deadline}))
	if r.Status == record.ReferralPending && r.Deadline != "" && r.Deadline < today() {
		dates.Importance = widget.DangerImportance
		dates.SetText(dates.Text + lang.X("referrals.overdue", "（已超期）"))
	}
	objs := []fyne.CanvasObject{container.NewHBox(status, route), dates, wrapLabel(lang.X("referrals.reason", "理由：{{.Reason}}", map[string]any{"Reason": r.Reason}))}
	if r.Response != "" {
		objs = append(objs, wrapLabel(lang.X("referrals.response", "答复：{{.Response}}", map[string]any{"Response": r.Response})))
	}
	c := &referralCard{}
	id := r.ID
	s.cards[id] = c
	if !s.perm.answer || !s.perm.inZone(r.ToZone) {
		return widget.NewCard("", name, container.NewVBox(objs...))
	}
	switch r.Status {
	case record.ReferralPending:
		c.accept = widget.NewButton(lang.X("referrals.accept", "接收"), func() { s.answer(id, record.ReferralAccepted, "") })
		c.accept.Importance = widget.HighImportance
		c.giveBack = widget.NewButton(lang.X("referrals.return", "退回…"), func() { s.askReturn(id) })
		objs = append(objs, container.NewHBox(c.accept, c.giveBack))
	case record.ReferralAccepted:
		c.landed = widget.NewButton(lang.X("referrals.mark_landed", "标记已落地"), func() { s.answer(id, record.ReferralLanded, "") })
		objs = append(objs, container.NewHBox(c.landed))
	}
	s.cards[id] = c
	return widget.NewCard("", name, container.NewVBox(objs...))
}

// askReturn asks for the reason a referral is returned; the record
// requires one.
func (s *referralsScreen) askReturn(id string) {
	s.returnEntry = newKeyEntry(s.keys)
	s.returnEntry.SetPlaceHolder(lang.X("referrals.return_reason", "退回理由（必填）"))
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Hide()
	var d *dialog.CustomDialog
	s.returnOK = func() {
		if s.returnEntry.Text == "" {
			msg.SetText(lang.X("referrals.reason_required", "请填写退回理由"))
			msg.Show()
			return
		}
		d.Hide()
		s.answer(id, record.ReferralReturned, s.returnEntry.Text)
	}
	ok := widget.NewButton(lang.X("referrals.return_ok", "退回"), s.returnOK)
	ok.Importance = widget.DangerImportance
	cancel := widget.NewButton(lang.X("form.cancel", "取消 (Esc)"), func() { d.Hide() })
	body := container.NewVBox(s.returnEntry, msg, container.NewHBox(layout.NewSpacer(), cancel, ok))
	d = dialog.NewCustomWithoutButtons(lang.X("referrals.return_title", "退回转介"), body, s.window)
	d.Resize(fyne.NewSize(480, 200))
	d.Show()
	if s.onDialog != nil {
		s.onDialog(d)
	}
}

// answer records the receiving zone's answer through Patch, so only the
// answered fields change and sync merges them per field.
func (s *referralsScreen) answer(id string, status record.ReferralStatus, response string) {
	fields := map[string]json.RawMessage{"status": jsonString(string(status))}
	switch status {
	case record.ReferralLanded:
		fields["landed_on"] = jsonString(today())
	default:
		fields["responded_on"] = jsonString(today())
		if response != "" {
			fields["response"] = jsonString(response)
		}
	}
	ctx, cancel := context.WithTimeout(s.ctx, queryTimeout)
	defer cancel()
	if _, err := s.svc.Patch(ctx, record.KindReferral, id, fields); err != nil {
		slog.Error("answer referral", "id", id, "status", status, "err", err)
		dialog.ShowError(err, s.window)
	}
	if s.onChange != nil {
		s.onChange()
	} else {
		s.reload()
	}
}

func jsonString(s string) json.RawMessage {
	b, _ := json.Marshal(s)
	return b
}
