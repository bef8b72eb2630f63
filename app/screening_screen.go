package app

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/screening"
	"github.com/shanhaifield/shanhai/storage"
)

// ScreenScreening is the 筛查 screen.
const ScreenScreening Screen = "screening"

// referralAnswerDays is the default time the receiving zone gets to
// answer a referral. It is an example default (no rule found that sets
// it); the user can change the deadline before sending.
const referralAnswerDays = 15

// screeningScreen screens an enterprise's project against zones and shows
// a verdict table per zone, then saves the run or refers the enterprise.
type screeningScreen struct {
	ctx context.Context
	svc Services
	ref *reference

	picker   *enterprisePicker
	ent      *record.Enterprise
	projects []*record.Project
	project  *widget.Select
	scope    *widget.RadioGroup
	run      *widget.Button
	status   *widget.Label
	packInfo *widget.Label
	results  []screening.Result
	table    *fyne.Container
	save     *widget.Button
	savedID  string
	toZone   *widget.Select
	reason   *keyEntry
	deadline *keyEntry
	refer    *widget.Button
	actions  *fyne.Container
	content  fyne.CanvasObject
	// onChange runs after a save or referral changed the store.
	onChange func()
}

func newScreeningScreen(ctx context.Context, svc Services, ref *reference, keys func(fyne.Shortcut) bool) *screeningScreen {
	s := &screeningScreen{ctx: ctx, svc: svc, ref: ref}
	s.picker = newEnterprisePicker(ctx, svc, keys)
	s.picker.onPick = s.choose
	s.project = widget.NewSelect(nil, nil)
	s.project.PlaceHolder = lang.X("screen.no_project", "（不指定项目，只按企业信息筛查）")
	own, all := lang.X("screen.scope_own", "本区及结对开发区"), lang.X("screen.scope_all", "全部开发区")
	s.scope = widget.NewRadioGroup([]string{own, all}, nil)
	s.scope.Horizontal = true
	s.scope.SetSelected(own)
	s.run = widget.NewButtonWithIcon(lang.X("screen.run", "开始筛查"), theme.SearchIcon(), s.screen)
	s.run.Importance = widget.HighImportance
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.packInfo = widget.NewLabel("")
	s.table = container.NewVBox()
	s.save = widget.NewButtonWithIcon(lang.X("screen.save", "保存筛查结果"), theme.DocumentSaveIcon(), s.store)
	s.toZone = widget.NewSelect(nil, nil)
	s.toZone.PlaceHolder = lang.X("screen.to_zone", "转介到…")
	s.reason = newKeyEntry(keys)
	s.reason.SetPlaceHolder(lang.X("screen.reason", "转介理由"))
	s.deadline = newKeyEntry(keys)
	s.refer = widget.NewButtonWithIcon(lang.X("screen.refer", "转介"), theme.MailSendIcon(), s.sendReferral)
	s.actions = container.NewVBox(container.NewHBox(s.save),
		container.NewBorder(nil, nil, s.toZone, container.NewHBox(container.NewGridWrap(fyne.NewSize(120, 36), s.deadline), s.refer), s.reason))
	s.actions.Hide()

	label := func(kind record.Kind, field string) *widget.Label {
		return widget.NewLabelWithStyle(fieldLabel(kind, field), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	form := container.New(layout.NewFormLayout(),
		label(record.KindScreening, "enterprise_id"), s.picker.content,
		label(record.KindScreening, "project_id"), s.project,
		label(record.KindScreening, "zones"), s.scope)
	title := widget.NewLabelWithStyle(lang.X("screen.title", "选址筛查"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.content = container.NewVScroll(container.NewVBox(title, form, container.NewHBox(s.run), s.status, s.packInfo, s.table, s.actions))
	return s
}

// choose loads the picked enterprise and its projects.
func (s *screeningScreen) choose(id string) {
	ctx, cancel := context.WithTimeout(s.ctx, queryTimeout)
	defer cancel()
	s.ent, s.projects = nil, nil
	rec, err := s.svc.Get(ctx, id)
	if err != nil {
		s.setStatus(lang.X("screen.load_failed", "读取企业失败：{{.Error}}", map[string]any{"Error": err.Error()}), widget.DangerImportance)
		return
	}
	s.ent, _ = rec.(*record.Enterprise)
	recs, err := s.svc.List(ctx, record.KindProject, storage.ListOptions{Enterprise: id})
	if err != nil {
		slog.Error("list projects", "enterprise", id, "err", err)
	}
	names := []string{}
	for _, r := range recs {
		if p, ok := r.(*record.Project); ok {
			s.projects = append(s.projects, p)
			names = append(names, p.Name)
		}
	}
	s.project.Options = names
	s.project.ClearSelected()
	if len(names) > 0 {
		s.project.SetSelectedIndex(0)
	}
	s.setStatus("", widget.MediumImportance)
}

// zones are the zones to screen against; own-and-paired falls back to
// all zones when the enterprise has no zone.
func (s *screeningScreen) zones() []string {
	if s.scope.Selected == s.scope.Options[0] {
		if ids := screening.OwnAndPaired(s.ref.pack, s.ent); len(ids) > 0 {
			return ids
		}
	}
	return screening.AllZones(s.ref.pack)
}

// screen runs the rules and shows a card per zone, best fit first.
func (s *screeningScreen) screen() {
	if s.ent == nil {
		s.picker.complain(lang.X("screen.pick_first", "请先选择要筛查的企业"))
		return
	}
	if s.ref.pack == nil {
		s.setStatus(lang.X("screen.no_pack", "规则包未能载入，无法筛查。"), widget.DangerImportance)
		return
	}
	c := screening.Candidate{Enterprise: s.ent}
	if i := s.project.SelectedIndex(); i >= 0 && i < len(s.projects) {
		c.Project = s.projects[i]
	}
	s.results = screening.Screen(s.ref.pack, c, s.zones())
	s.savedID = ""
	s.table.Objects = nil
	var zoneNames []string
	for _, r := range s.results {
		s.table.Add(resultView(s.ref.pack, r))
		if r.ZoneID != s.ent.ZoneID {
			zoneNames = append(zoneNames, s.ref.zoneName(r.ZoneID))
		}
	}
	s.table.Refresh()
	s.packInfo.SetText(lang.X("screen.pack", "规则包 {{.Version}}（{{.Date}}）", map[string]any{"Version": s.ref.pack.Version, "Date": s.ref.pack.Date}))
	s.setStatus(lang.X("screen.done", "已筛查 {{.Count}} 个开发区，按匹配程度排序。", map[string]any{"Count": len(s.results)}), widget.MediumImportance)
	s.toZone.Options = zoneNames
	s.toZone.ClearSelected()
	s.deadline.SetText(time.Now().AddDate(0, 0, referralAnswerDays).Format(time.DateOnly))
	s.actions.Show()
}

// store saves the shown run as a screening record.
func (s *screeningScreen) store() {
	rec, err := screening.NewRecord(s.results)
	if err == nil {
		ctx, cancel := context.WithTimeout(s.ctx, queryTimeout)
		defer cancel()
		err = s.svc.Create(ctx, rec)
	}
	if err != nil {
		s.setStatus(lang.X("screen.save_failed", "保存筛查结果失败：{{.Error}}", map[string]any{"Error": err.Error()}), widget.DangerImportance)
		return
	}
	s.savedID = rec.ID
	s.setStatus(lang.X("screen.saved", "筛查结果已保存，可在企业详情的“筛查”页查看。"), widget.SuccessImportance)
	if s.onChange != nil {
		s.onChange()
	}
}

// sendReferral refers the enterprise to the chosen zone.
func (s *screeningScreen) sendReferral() {
	to := ""
	for _, r := range s.results {
		if s.ref.zoneName(r.ZoneID) == s.toZone.Selected {
			to = r.ZoneID
		}
	}
	ref := &record.Referral{EnterpriseID: s.ent.ID, FromZone: s.ent.ZoneID, ToZone: to, Reason: s.reason.Text,
		Status: record.ReferralPending, SentOn: today(), Deadline: s.deadline.Text, ScreeningID: s.savedID}
	if i := s.project.SelectedIndex(); i >= 0 && i < len(s.projects) {
		ref.ProjectID = s.projects[i].ID
	}
	record.Normalize(ref)
	if ps := ref.Validate().Errors(); len(ps) > 0 {
		s.setStatus(problemText(ps[0]), widget.DangerImportance)
		return
	}
	ctx, cancel := context.WithTimeout(s.ctx, queryTimeout)
	defer cancel()
	if err := s.svc.Refer(ctx, ref); err != nil {
		var ve *record.ValidationError
		if errors.As(err, &ve) && len(ve.Problems) > 0 {
			s.setStatus(problemText(ve.Problems[0]), widget.DangerImportance)
			return
		}
		s.setStatus(lang.X("screen.refer_failed", "转介失败：{{.Error}}", map[string]any{"Error": err.Error()}), widget.DangerImportance)
		return
	}
	s.setStatus(lang.X("screen.referred", "已转介到{{.Zone}}，等待对方接收（答复期限 {{.Deadline}}）。",
		map[string]any{"Zone": s.toZone.Selected, "Deadline": ref.Deadline}), widget.SuccessImportance)
	s.reason.SetText("")
	if s.onChange != nil {
		s.onChange()
	}
}

func (s *screeningScreen) setStatus(text string, imp widget.Importance) {
	s.status.Importance = imp
	s.status.SetText(text)
}
