package app

import (
	"context"
	"fmt"
	"log/slog"

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

// enterpriseDetail shows one enterprise with its children in tabs:
// 概况, 联系人, 走访, 项目需求, 筛查 and 历史.
type enterpriseDetail struct {
	ctx context.Context
	svc Services
	ref *reference

	ent      *record.Enterprise
	children map[record.Kind][]record.Record

	title    *widget.Label
	subtitle *widget.Label
	back     *widget.Button
	edit     *widget.Button
	tabs     *container.AppTabs
	panes    map[string]*fyne.Container // tab key → its scrolled body
	adds     map[record.Kind]*widget.Button
	// onAdd opens the form for a new child of the kind, onEdit the form
	// for a stored child; both set by the UI.
	onAdd  func(record.Kind)
	onEdit func(record.Record)
	// onExport saves a screening's report; set by the UI.
	onExport func(*record.Screening)
	// exports are the 导出报告 buttons by screening ID, for tests.
	exports map[string]*widget.Button
	edits   map[string]*widget.Button // child ID → its edit button, for tests
	content fyne.CanvasObject
}

// The tabs, in order; the key names the pane in panes.
var detailTabs = []string{"profile", "contacts", "visits", "projects", "screenings", "history"}

func newEnterpriseDetail(ctx context.Context, svc Services, ref *reference) *enterpriseDetail {
	d := &enterpriseDetail{ctx: ctx, svc: svc, ref: ref, panes: map[string]*fyne.Container{}}
	d.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.title.Truncation = fyne.TextTruncateEllipsis
	d.subtitle = widget.NewLabel("")
	d.back = widget.NewButtonWithIcon(lang.X("detail.back", "返回列表"), theme.NavigateBackIcon(), nil)
	d.edit = widget.NewButtonWithIcon(lang.X("detail.edit", "编辑"), theme.DocumentCreateIcon(), nil)
	titles := map[string]string{
		"profile":    lang.X("detail.profile", "概况"),
		"contacts":   lang.X("detail.contacts", "联系人"),
		"visits":     lang.X("detail.visits", "走访"),
		"projects":   lang.X("detail.projects", "项目需求"),
		"screenings": lang.X("detail.screenings", "筛查"),
		"history":    lang.X("detail.history", "历史"),
	}
	d.adds = map[record.Kind]*widget.Button{
		record.KindContact: widget.NewButtonWithIcon(lang.X("detail.add_contact", "添加联系人"), theme.ContentAddIcon(), nil),
		record.KindVisit:   widget.NewButtonWithIcon(lang.X("detail.add_visit", "添加走访记录"), theme.ContentAddIcon(), nil),
		record.KindProject: widget.NewButtonWithIcon(lang.X("detail.add_project", "添加项目需求"), theme.ContentAddIcon(), nil),
	}
	for k, b := range d.adds {
		b.OnTapped = func() {
			if d.onAdd != nil {
				d.onAdd(k)
			}
		}
	}
	d.tabs = container.NewAppTabs()
	for _, key := range detailTabs {
		pane := container.NewVBox()
		d.panes[key] = pane
		d.tabs.Append(container.NewTabItem(titles[key], container.NewVScroll(pane)))
	}
	header := container.NewVBox(container.NewHBox(d.back, layout.NewSpacer(), d.edit), d.title, d.subtitle)
	d.content = container.NewBorder(header, nil, nil, nil, d.tabs)
	return d
}

// childKinds are the records the detail lists under an enterprise.
var childKinds = []record.Kind{record.KindContact, record.KindVisit, record.KindProject, record.KindTask, record.KindScreening, record.KindReferral}

// load reads the enterprise and its children and fills every tab.
func (d *enterpriseDetail) load(id string) error {
	ctx, cancel := context.WithTimeout(d.ctx, queryTimeout)
	defer cancel()
	rec, err := d.svc.Get(ctx, id)
	if err != nil {
		return fmt.Errorf("get enterprise %s: %w", id, err)
	}
	e, ok := rec.(*record.Enterprise)
	if !ok {
		return fmt.Errorf("record %s is a %s, not an enterprise", id, rec.Kind())
	}
	d.ent, d.children, d.edits = e, map[record.Kind][]record.Record{}, map[string]*widget.Button{}
	for _, k := range childKinds {
		recs, err := d.svc.List(ctx, k, storage.ListOptions{Enterprise: id})
		if err != nil {
			return fmt.Errorf("list %s of %s: %w", k, id, err)
		}
		d.children[k] = recs
	}
	d.title.SetText(e.Name)
	d.subtitle.SetText(d.summary())
	d.fill()
	return nil
}

// summary is the line under the name: stage, region and zone.
func (d *enterpriseDetail) summary() string {
	s := stageLabel(d.ent.Stage) + " · " + regionLabel(d.ent.RegionCode)
	if d.ent.ZoneID != "" {
		s += " · " + d.ref.zoneName(d.ent.ZoneID)
	}
	return s
}

func (d *enterpriseDetail) fill() {
	d.setPane("profile", fieldGrid(recordFields(d.ent, d.ref)))
	d.setPane("contacts", d.cards(record.KindContact, lang.X("detail.no_contacts", "还没有联系人。"))...)
	visits := d.cards(record.KindVisit, lang.X("detail.no_visits", "还没有走访记录。"))
	d.setPane("visits", append(visits, d.taskLines()...)...)
	projects := d.cards(record.KindProject, lang.X("detail.no_projects", "还没有项目需求。"))
	d.setPane("projects", projects...)
	d.setPane("screenings", d.screeningCards()...)
	d.setPane("history", d.historyView()...)
	d.tabs.Refresh()
}

func (d *enterpriseDetail) setPane(key string, objs ...fyne.CanvasObject) {
	p := d.panes[key]
	p.Objects = objs
	p.Refresh()
}

// cards draws each child of kind as a card, or the empty text.
func (d *enterpriseDetail) cards(kind record.Kind, empty string) []fyne.CanvasObject {
	recs := d.children[kind]
	out := []fyne.CanvasObject{container.NewHBox(d.adds[kind])}
	if len(recs) == 0 {
		return append(out, widget.NewLabel(empty))
	}
	for _, r := range recs {
		edit := widget.NewButtonWithIcon(lang.X("detail.edit", "编辑"), theme.DocumentCreateIcon(), func() {
			if d.onEdit != nil {
				d.onEdit(r)
			}
		})
		d.edits[r.Header().ID] = edit
		body := container.NewBorder(nil, nil, nil, container.NewVBox(edit), fieldGrid(recordFields(r, d.ref)))
		out = append(out, widget.NewCard("", recordTitle(r), body))
	}
	return out
}

// taskLines lists the enterprise's follow-ups under its visits.
func (d *enterpriseDetail) taskLines() []fyne.CanvasObject {
	tasks := d.children[record.KindTask]
	if len(tasks) == 0 {
		return nil
	}
	out := []fyne.CanvasObject{widget.NewLabelWithStyle(lang.X("detail.tasks", "待办跟进"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	for _, r := range tasks {
		t, ok := r.(*record.Task)
		if !ok {
			continue
		}
		state := lang.X("detail.task_open", "未完成")
		if t.Done {
			state = lang.X("detail.task_done", "已完成")
		}
		out = append(out, widget.NewLabel(t.Due+"　"+t.Title+"（"+state+"）"))
	}
	return out
}

// screeningCards shows each stored screening with its verdict per zone.
func (d *enterpriseDetail) screeningCards() []fyne.CanvasObject {
	recs := d.children[record.KindScreening]
	if len(recs) == 0 {
		return []fyne.CanvasObject{widget.NewLabel(lang.X("detail.no_screenings", "还没有保存的筛查结果。"))}
	}
	var out []fyne.CanvasObject
	for _, r := range recs {
		s := r.(*record.Screening)
		head := widget.NewLabelWithStyle(lang.X("detail.screening_head", "{{.Date}} 筛查 · 规则包 {{.Version}}",
			map[string]any{"Date": s.CreatedAt.Local().Format("2006-01-02 15:04"), "Version": s.PackVersion}),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		out = append(out, d.exportRow(head, s))
		_, results, err := screening.FromRecord(s)
		if err != nil {
			slog.Error("decode screening", "id", s.ID, "err", err)
			out = append(out, widget.NewLabel(lang.X("detail.screening_bad", "这条筛查记录无法读取。")))
			continue
		}
		for _, res := range results {
			out = append(out, resultView(d.ref.pack, res))
		}
	}
	return out
}

// exportRow puts a 导出报告 button beside a screening's heading.
func (d *enterpriseDetail) exportRow(head fyne.CanvasObject, s *record.Screening) fyne.CanvasObject {
	b := widget.NewButtonWithIcon(lang.X("detail.export_report", "导出报告"), theme.DocumentSaveIcon(), func() {
		if d.onExport != nil {
			d.onExport(s)
		}
	})
	if d.exports == nil {
		d.exports = map[string]*widget.Button{}
	}
	d.exports[s.ID] = b
	return container.NewHBox(head, b)
}

// recordTitle is the one line that names a child record.
func recordTitle(r record.Record) string {
	switch v := r.(type) {
	case *record.Contact:
		return v.Name
	case *record.Visit:
		return v.Date
	case *record.Project:
		return v.Name
	case *record.Task:
		return v.Due + " " + v.Title
	case *record.Referral:
		return v.SentOn + " → " + v.ToZone
	case *record.Screening:
		return lang.X("detail.screening_title", "规则包 {{.Version}}", map[string]any{"Version": v.PackVersion})
	case *record.Enterprise:
		return v.Name
	}
	return r.Header().ID
}

// fieldGrid lays fields out as label: value rows, values wrapping.
func fieldGrid(fields []fieldValue) fyne.CanvasObject {
	if len(fields) == 0 {
		return widget.NewLabel(lang.X("detail.no_fields", "（无内容）"))
	}
	grid := container.New(layout.NewFormLayout())
	for _, f := range fields {
		l := widget.NewLabelWithStyle(f.label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		v := widget.NewLabel(f.value)
		v.Wrapping = fyne.TextWrapWord
		grid.Add(l)
		grid.Add(v)
	}
	return grid
}
