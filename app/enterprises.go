package app

import (
	"context"
	"log/slog"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
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
	rows  []enterpriseRow
	total int

	search  *widget.Entry
	list    *widget.List
	count   *widget.Label
	notice  *widget.Label // shown instead of rows: empty store, no match, error
	header  *fyne.Container
	overlay *fyne.Container // holds notice above the list
	content fyne.CanvasObject
}

func newEnterpriseScreen(ctx context.Context, svc Services) *enterpriseScreen {
	s := &enterpriseScreen{ctx: ctx, svc: svc}
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(lang.X("enterprises.search", "搜索企业名称、简称或联系人…"))
	s.search.OnChanged = s.setQuery
	s.list = widget.NewList(func() int { return len(s.rows) }, newEnterpriseItem, s.bindItem)
	s.count = widget.NewLabel("")
	s.notice = widget.NewLabel("")
	s.notice.Alignment = fyne.TextAlignCenter
	s.notice.Wrapping = fyne.TextWrapWord
	s.notice.Hide()

	title := widget.NewLabelWithStyle(lang.X("enterprises.title", "企业名录"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.header = container.NewBorder(nil, nil, title, s.count)
	s.overlay = container.NewVBox(s.notice)
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
		rows, err = loadEnterpriseRows(ctx, s.svc, s.query)
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
		return lang.X("enterprises.empty", "还没有企业记录。可以用命令行 shanhai add 添加。")
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
