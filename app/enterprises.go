package app

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/industry"
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// How the enterprise list loads. Without a query it loads pageSize rows
// at a time, the next page once a row within prefetchRows of the loaded
// end is drawn, so 100k enterprises never load at once; the count label
// always reports the store's full count.
const (
	pageSize     = 500 // rows per List call
	prefetchRows = 50  // how near the loaded end scrolling fetches more
	searchLimit  = 200 // hits asked of Search per query
)

// enterpriseScreen is the 企业 screen: a search box above the list of
// enterprises, filtered as the user types.
type enterpriseScreen struct {
	ctx context.Context
	svc Services

	query string
	stage record.Stage // "" for every stage
	sort  storage.Sort // the list's order; search hits stay in rank order
	// filter is applied to each loaded page; dueOnly asks reload to fill
	// its due set, as of now().
	filter  enterpriseFilter
	dueOnly bool
	now     func() time.Time
	rows    []enterpriseRow
	total   int
	// keepTotal asks the next reload to keep total rather than count.
	keepTotal bool

	// next is the cursor of the page after the loaded rows, "" when all
	// are loaded; loading is set while that page is being fetched, and gen
	// counts reloads so that a page fetched for an old filter is dropped.
	next    string
	loading bool
	gen     int
	// spawn runs a page fetch off the UI goroutine; tests run it inline.
	spawn func(func())

	search     *keyEntry
	stages     *widget.Select
	industries *widget.Select
	zones      *widget.Select
	sorts      *widget.Select
	dueCheck   *widget.Check
	list       *widget.List
	count      *widget.Label
	notice     *widget.Label // shown instead of rows: empty store, no match, error
	header     *fyne.Container
	overlay    *fyne.Container // holds notice above the list
	content    fyne.CanvasObject

	// start offers the first steps on an empty store.
	start      *fyne.Container
	demoButton *widget.Button
	importBtn  *widget.Button
	newButton  *widget.Button
	// onOpen shows an enterprise's detail; set by the UI.
	onOpen func(id string)
}

func newEnterpriseScreen(ctx context.Context, svc Services, keys func(fyne.Shortcut) bool) *enterpriseScreen {
	s := &enterpriseScreen{ctx: ctx, svc: svc, spawn: func(f func()) { go f() }, now: time.Now}
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
	s.industries = widget.NewSelect(nil, nil)
	s.zones = widget.NewSelect(nil, nil)
	s.sorts = widget.NewSelect(nil, nil)
	s.useSortPreference(nil)
	s.setReference(nil)
	s.dueCheck = widget.NewCheck(lang.X("enterprises.due", "有到期待办"), func(on bool) {
		s.dueOnly = on
		s.reload()
	})
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
	// The client-side filters sit beside the search box, which they narrow
	// like it, leaving the header room for a long count.
	filters := container.NewHBox(s.industries, s.zones, s.dueCheck, s.sorts)
	s.content = container.NewBorder(container.NewVBox(s.header, container.NewBorder(nil, nil, nil, filters, s.search)), nil, nil, nil, body)
	return s
}

// setReference fills the industry and zone filters from the reference
// data (nil leaves only their "all" options) and clears them.
func (s *enterpriseScreen) setReference(ref *reference) {
	var table *industry.Table
	if ref != nil {
		table = ref.industries
	}
	s.filter.industry, s.filter.zone = "", ""
	setChoices(s.industries, industryChoices(table), func(code string) {
		s.filter.industry = code
		s.reload()
	})
	setChoices(s.zones, zoneChoices(ref), func(id string) {
		s.filter.zone = id
		s.reload()
	})
}

// setQuery is the search box's change handler: every keystroke re-queries
// the store, which is fast enough that no debounce is needed. A keystroke
// keeps the total count: counting walks the whole enterprise bucket,
// about a millisecond and 80 MB of file pages at 100k, and typing does
// not change it.
func (s *enterpriseScreen) setQuery(q string) {
	s.query = strings.TrimSpace(q)
	s.keepTotal = s.total > 0
	s.reload()
}

// reload fetches the rows for the current query and the total count, and
// updates the list, the count label and the notice.
func (s *enterpriseScreen) reload() {
	ctx, cancel := context.WithTimeout(s.ctx, queryTimeout)
	defer cancel()
	s.gen++
	s.loading = false
	s.next = ""
	total, err := s.total, error(nil)
	if !s.keepTotal {
		total, err = s.svc.Count(ctx, record.KindEnterprise)
	}
	s.keepTotal = false
	var rows []enterpriseRow
	var next string
	s.filter.due = nil
	if err == nil && s.dueOnly {
		s.filter.due, err = dueEnterprises(ctx, s.svc, s.now())
	}
	switch {
	case err != nil:
	case s.query == "":
		rows, next, err = listSortedPage(ctx, s.svc, s.stage, s.sort, "")
	default:
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
	s.rows, s.total, s.next = s.filter.apply(rows), total, next
	s.list.UnselectAll()
	s.list.Refresh()
	s.list.ScrollToTop()
	s.setCount(s.countText())
	s.showNotice(s.noticeText())
	s.fillFiltered(len(s.rows))
}

// fillFiltered loads the next page when the client-side filter left fewer
// than prefetchRows rows from the last one: the list would bind no row
// near its end then, so scrolling alone might never fetch more.
func (s *enterpriseScreen) fillFiltered(added int) {
	if s.filter.active() && added < prefetchRows {
		s.loadMore()
	}
}

func (s *enterpriseScreen) countText() string {
	switch {
	case s.stage != "":
		return lang.X("enterprises.found_stage", "{{.Stage}} {{.Found}} 家，共 {{.Count}} 家企业",
			map[string]any{"Stage": stageLabel(s.stage), "Found": len(s.rows), "Count": s.total})
	case s.query != "" || s.filter.active():
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
	case s.filter.active() && s.next != "":
		return "" // more pages to search
	case s.filter.active():
		return lang.X("enterprises.no_filter_match", "没有符合筛选条件的企业。")
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
	if id >= len(s.rows)-prefetchRows {
		s.loadMore()
	}
}

// loadMore fetches the page after the loaded rows off the UI goroutine
// and appends it on the UI goroutine, unless the list was reloaded in
// between. A failed page is logged and retried on the next scroll.
func (s *enterpriseScreen) loadMore() {
	if s.next == "" || s.loading {
		return
	}
	s.loading = true
	gen, after, stage, order := s.gen, s.next, s.stage, s.sort
	s.spawn(func() {
		ctx, cancel := context.WithTimeout(s.ctx, queryTimeout)
		defer cancel()
		rows, next, err := listSortedPage(ctx, s.svc, stage, order, after)
		fyne.Do(func() { s.appendPage(gen, rows, next, err) })
	})
}

func (s *enterpriseScreen) appendPage(gen int, rows []enterpriseRow, next string, err error) {
	if gen != s.gen {
		return
	}
	s.loading = false
	if err != nil {
		slog.Error("load next enterprise page", "err", err)
		return
	}
	rows = s.filter.apply(rows)
	s.rows = append(s.rows, rows...)
	s.next = next
	s.list.Refresh()
	s.setCount(s.countText())
	s.showNotice(s.noticeText())
	s.fillFiltered(len(rows))
}
