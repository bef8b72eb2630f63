package app

import (
	"context"
	"log/slog"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/record"
)

// What the enterprise list loads at most. The count label always reports
// the store's full count, so a cut is visible to the user.
const (
	listLimit   = 2000 // rows shown when there is no query
	searchLimit = 200  // hits asked of Search per query
)

// enterpriseScreen is the 企业 screen: a search box above the list of
// enterprises, filtered as the user types.
type enterpriseScreen struct {
	ctx context.Context
	svc Services

	query string
	stage record.Stage // "" for every stage
	rows  []enterpriseRow
	total int

	search  *keyEntry
	stages  *widget.Select
	list    *widget.List
	count   *widget.Label
	notice  *widget.Label // shown instead of rows: empty store, no match, error
	header  *fyne.Container
	overlay *fyne.Container // holds notice above the list
	content fyne.CanvasObject

	// start offers the first steps on an empty store.
	start      *fyne.Container
	demoButton *widget.Button
	importBtn  *widget.Button
	newButton  *widget.Button
	// onOpen shows an enterprise's detail; set by the UI.
	onOpen func(id string)
}

func newEnterpriseScreen(ctx context.Context, svc Services, keys func(fyne.Shortcut) bool) *enterpriseScreen {
	s := &enterpriseScreen{ctx: ctx, svc: svc}
	s.search = newKeyEntry(keys)
	s.search.SetPlaceHolder(lang.X("enterprises.search", "搜索企业名称、简称或联系人…"))
	s.search.OnChanged = s.setQuery
	s.list = widget.NewList(func() int { return len(s.rows) }, newEnterpriseItem, s.bindItem)
	s.count = widget.NewLabel("")
	s.notice = widget.NewLabel("")
	s.notice.Alignment = fyne.TextAlignCenter
	s.notice.Wrapping = fyne.TextWrapWord
	s.notice.Hide()

	s.newButton = widget.NewButtonWithIcon(lang.X("enterprises.new", "新建企业"), theme.ContentAddIcon(), nil)
	title := widget.NewLabelWithStyle(lang.X("enterprises.title", "企业名录"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	all := lang.X("enterprises.all_stages", "全部阶段")
	options := []string{all}
	for _, st := range record.Stages {
		options = append(options, stageLabel(st))
	}
	s.stages = widget.NewSelect(options, func(string) {
		s.stage = ""
		if i := s.stages.SelectedIndex(); i > 0 {
			s.stage = record.Stages[i-1]
		}
		s.reload()
	})
	s.stages.Selected = all
	s.header = container.NewBorder(nil, nil, title, container.NewHBox(s.count, s.stages, s.newButton))
	s.demoButton = widget.NewButtonWithIcon(lang.X("enterprises.demo", "载入演示数据"), theme.DownloadIcon(), nil)
	s.demoButton.Importance = widget.HighImportance
	s.importBtn = widget.NewButtonWithIcon(lang.X("enterprises.import", "导入…"), theme.FolderOpenIcon(), nil)
	s.start = container.NewCenter(container.NewHBox(s.demoButton, s.importBtn))
	s.start.Hide()
	s.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(s.rows) && s.onOpen != nil {
			s.onOpen(s.rows[id].id)
		}
		s.list.UnselectAll()
	}
	s.overlay = container.NewVBox(s.notice, s.start)
	body := container.NewStack(s.list, s.overlay)
	s.content = container.NewBorder(container.NewVBox(s.header, s.search), nil, nil, nil, body)
	return s
}

// setQuery is the search box's change handler: every keystroke re-queries
// the store, which is fast enough that no debounce is needed.
func (s *enterpriseScreen) setQuery(q string) {
	s.query = strings.TrimSpace(q)
	s.reload()
}

// reload fetches the rows for the current query and the total count, and
// updates the list, the count label and the notice.
func (s *enterpriseScreen) reload() {
	ctx, cancel := context.WithTimeout(s.ctx, queryTimeout)
	defer cancel()
	total, err := s.svc.Count(ctx, record.KindEnterprise)
	var rows []enterpriseRow
	if err == nil {
		rows, err = loadFilteredRows(ctx, s.svc, s.query, s.stage)
	}
	if err != nil {
		slog.Error("load enterprises", "query", s.query, "err", err)
		s.rows, s.total = nil, 0
		s.setCount("")
		s.showNotice(lang.X("enterprises.error", "读取企业失败：{{.Error}}", map[string]any{"Error": err.Error()}))
		s.list.Refresh()
		return
	}
	s.rows, s.total = rows, total
	s.list.UnselectAll()
	s.list.Refresh()
	s.list.ScrollToTop()
	s.setCount(s.countText())
	s.showNotice(s.noticeText())
}

func (s *enterpriseScreen) countText() string {
	switch {
	case s.stage != "":
		return lang.X("enterprises.found_stage", "{{.Stage}} {{.Found}} 家，共 {{.Count}} 家企业",
			map[string]any{"Stage": stageLabel(s.stage), "Found": len(s.rows), "Count": s.total})
	case s.query != "":
		return lang.X("enterprises.found", "找到 {{.Found}} 家，共 {{.Count}} 家企业",
			map[string]any{"Found": len(s.rows), "Count": s.total})
	case len(s.rows) < s.total:
		return lang.X("enterprises.count_cut", "共 {{.Count}} 家企业，显示前 {{.Shown}} 家",
			map[string]any{"Count": s.total, "Shown": len(s.rows)})
	}
	return lang.X("enterprises.count", "共 {{.Count}} 家企业", map[string]any{"Count": s.total})
}

func (s *enterpriseScreen) noticeText() string {
	switch {
	case len(s.rows) > 0:
		return ""
	case s.total == 0:
		return lang.X("enterprises.empty", "还没有企业记录。可以先载入演示数据试用各个界面，或导入已有的企业名单。")
	}
	if s.query == "" {
		return lang.X("enterprises.none_in_stage", "没有处于「{{.Stage}}」阶段的企业。", map[string]any{"Stage": stageLabel(s.stage)})
	}
	return lang.X("enterprises.no_match", "没有与「{{.Query}}」匹配的企业。", map[string]any{"Query": s.query})
}

// setCount shows the count and lays the header out again for its new
// width (the desktop driver would on the next frame, the test driver not).
func (s *enterpriseScreen) setCount(text string) {
	s.count.SetText(text)
	s.header.Refresh()
}

func (s *enterpriseScreen) showNotice(text string) {
	s.notice.SetText(text)
	if s.total == 0 && s.query == "" && text != "" && len(s.rows) == 0 && s.count.Text != "" {
		s.start.Show()
	} else {
		s.start.Hide()
	}
	if text == "" {
		s.notice.Hide()
	} else {
		s.notice.Show()
	}
	s.overlay.Refresh()
}

func (s *enterpriseScreen) bindItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(s.rows) {
		return
	}
	o.(*enterpriseItem).set(s.rows[id])
}
