package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/shanhaifield/shanhai/record"
)

// newTestUI builds the window on Fyne's headless test driver with the
// bundled-font theme, so rendering does not depend on the machine's fonts.
func newTestUI(t *testing.T, svc Services) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	test.ApplyTheme(t, NewTheme())
	return newTestUIOn(t, a, svc)
}

// newTestUIOn builds a window on an existing test app, as a restart
// would: same preferences, new window.
func newTestUIOn(t *testing.T, a fyne.App, svc Services) *UI {
	t.Helper()
	u := NewUI(a, svc)
	u.background = func(work func(context.Context) error, done func(error)) { done(work(u.ctx)) }
	t.Cleanup(u.Window().Close)
	return u
}

func rowNames(s *enterpriseScreen) []string {
	var names []string
	for _, r := range s.rows {
		names = append(names, r.name)
	}
	return names
}

func TestEnterpriseScreenInitial(t *testing.T) {
	u := newTestUI(t, sampleServices())
	s := u.enterprises
	if got, want := rowNames(s), []string{"浙江青山新材料有限公司", "绍兴海川智能装备有限公司", "宁波东港物流有限公司"}; !slices.Equal(got, want) {
		t.Errorf("rows = %v, want %v", got, want)
	}
	if s.list.Length() != 3 {
		t.Errorf("list length = %d, want 3", s.list.Length())
	}
	if s.count.Text != "共 3 家企业" {
		t.Errorf("count = %q", s.count.Text)
	}
	if got := u.status.sync.Text; got != "离线 · 2 条待同步" {
		t.Errorf("status = %q", got)
	}
	if s.notice.Visible() {
		t.Errorf("notice %q visible with rows present", s.notice.Text)
	}
	want := []enterpriseRow{
		{id: "E1", name: "浙江青山新材料有限公司", stage: "线索", region: "绍兴市 330604"},
		{id: "E2", name: "绍兴海川智能装备有限公司", stage: "在谈", region: "绍兴市"},
		{id: "E3", name: "宁波东港物流有限公司", stage: "签约", region: "未填地区"},
	}
	if !slices.Equal(s.rows, want) {
		t.Errorf("rows = %+v\nwant %+v", s.rows, want)
	}
	markup := test.RenderToMarkup(u.Window().Canvas())
	for _, text := range []string{"企业名录", "绍兴海川智能装备有限公司", "在谈", "共 3 家企业", "离线 · 2 条待同步", "开发区"} {
		if !strings.Contains(markup, text) {
			t.Errorf("window does not show %q", text)
		}
	}
}

func TestEnterpriseSearchAsYouType(t *testing.T) {
	tests := []struct {
		query  string
		names  []string
		count  string
		notice string
	}{
		{"海川", []string{"绍兴海川智能装备有限公司"}, "找到 1 家，共 3 家企业", ""},
		{"青山新材", []string{"浙江青山新材料有限公司"}, "找到 1 家，共 3 家企业", ""},
		{"有限公司", []string{"浙江青山新材料有限公司", "绍兴海川智能装备有限公司", "宁波东港物流有限公司"}, "找到 3 家，共 3 家企业", ""},
		{"  东港 ", []string{"宁波东港物流有限公司"}, "找到 1 家，共 3 家企业", ""},
		{"王建国", []string{"绍兴海川智能装备有限公司"}, "找到 1 家，共 3 家企业", ""},
		{"不存在", nil, "找到 0 家，共 3 家企业", "没有与「不存在」匹配的企业。"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			u := newTestUI(t, sampleServices())
			s := u.enterprises
			test.Type(s.search, tt.query)
			if got := rowNames(s); !slices.Equal(got, tt.names) {
				t.Errorf("rows = %v, want %v", got, tt.names)
			}
			if s.list.Length() != len(tt.names) {
				t.Errorf("list length = %d, want %d", s.list.Length(), len(tt.names))
			}
			if s.count.Text != tt.count {
				t.Errorf("count = %q, want %q", s.count.Text, tt.count)
			}
			if got := noticeShown(s); got != tt.notice {
				t.Errorf("notice = %q, want %q", got, tt.notice)
			}
		})
	}
}

func noticeShown(s *enterpriseScreen) string {
	if !s.notice.Visible() {
		return ""
	}
	return s.notice.Text
}

func TestSearchContactHitShowsEnterprise(t *testing.T) {
	u := newTestUI(t, sampleServices())
	test.Type(u.enterprises.search, "王建国")
	if len(u.enterprises.rows) != 1 || u.enterprises.rows[0].match != "联系人：王建国" {
		t.Fatalf("rows = %+v, want E2 matched through its contact", u.enterprises.rows)
	}
	if m := test.RenderToMarkup(u.Window().Canvas()); !strings.Contains(m, "绍兴海川智能装备有限公司（联系人：王建国）") {
		t.Error("the list does not show the enterprise with the matching contact")
	}
}

func TestSearchClearedShowsAllAgain(t *testing.T) {
	u := newTestUI(t, sampleServices())
	s := u.enterprises
	test.Type(s.search, "海川")
	s.search.SetText("")
	if len(s.rows) != 3 || s.count.Text != "共 3 家企业" {
		t.Errorf("after clearing: %d rows, count %q", len(s.rows), s.count.Text)
	}
}

func TestEnterpriseScreenEmptyStore(t *testing.T) {
	u := newTestUI(t, &fakeServices{})
	s := u.enterprises
	if s.count.Text != "共 0 家企业" {
		t.Errorf("count = %q", s.count.Text)
	}
	if got := noticeShown(s); got != "还没有企业记录。可以先载入演示数据试用各个界面，或导入已有的企业名单。" {
		t.Errorf("notice = %q", got)
	}
	if !s.start.Visible() || !s.demoButton.Visible() {
		t.Error("the empty store does not offer the demo data")
	}
	if got := u.status.sync.Text; got != "离线 · 0 条待同步" {
		t.Errorf("status = %q", got)
	}
}

func TestEnterpriseScreenStoreError(t *testing.T) {
	svc := sampleServices()
	svc.err = errStoreBroken
	u := newTestUI(t, svc)
	s := u.enterprises
	if got := noticeShown(s); got != "读取企业失败：store is broken" {
		t.Errorf("notice = %q", got)
	}
	if len(s.rows) != 0 || s.count.Text != "" {
		t.Errorf("rows %d, count %q after an error", len(s.rows), s.count.Text)
	}
	if got := u.status.sync.Text; got != "同步状态未知" {
		t.Errorf("status = %q", got)
	}
	svc.err = nil
	u.Refresh()
	if len(s.rows) != 3 || noticeShown(s) != "" {
		t.Errorf("after the store recovered: %d rows, notice %q", len(s.rows), noticeShown(s))
	}
}

// TestEnterpriseListPages binds rows near the loaded end of a list longer
// than a page: the next page loads each time, until every enterprise is
// listed, while the count label keeps the store's total.
func TestEnterpriseListPages(t *testing.T) {
	const n = 2*pageSize + 7
	svc := &fakeServices{}
	for i := range n {
		svc.records = append(svc.records, enterprise(fmt.Sprintf("E%05d", i), fmt.Sprintf("示例企业%d有限公司", i), "", record.StageLead, ""))
	}
	u := newTestUI(t, svc)
	s := u.enterprises
	s.spawn = func(f func()) { f() }
	tests := []struct {
		bind      int // row to draw
		wantRows  int
		wantCount string
	}{
		{0, pageSize, fmt.Sprintf("共 %d 家企业，显示前 %d 家", n, pageSize)},
		{pageSize - prefetchRows - 1, pageSize, fmt.Sprintf("共 %d 家企业，显示前 %d 家", n, pageSize)},
		{pageSize - prefetchRows, 2 * pageSize, fmt.Sprintf("共 %d 家企业，显示前 %d 家", n, 2*pageSize)},
		{2*pageSize - 1, n, fmt.Sprintf("共 %d 家企业", n)},
		{n - 1, n, fmt.Sprintf("共 %d 家企业", n)},
	}
	for _, tt := range tests {
		s.bindItem(tt.bind, newEnterpriseItem())
		if s.list.Length() != tt.wantRows || s.count.Text != tt.wantCount {
			t.Errorf("bind row %d: %d rows, count %q; want %d, %q", tt.bind, s.list.Length(), s.count.Text, tt.wantRows, tt.wantCount)
		}
	}
	if got, want := s.rows[n-1].id, fmt.Sprintf("E%05d", n-1); got != want {
		t.Errorf("last row %s, want %s", got, want)
	}
}

// TestEnterprisePageAfterReload drops a page fetched for the filter the
// list had before a reload instead of appending it to the new rows.
func TestEnterprisePageAfterReload(t *testing.T) {
	svc := &fakeServices{}
	for i := range pageSize + 1 {
		svc.records = append(svc.records, enterprise(fmt.Sprintf("E%05d", i), fmt.Sprintf("示例企业%d有限公司", i), "", record.StageLead, ""))
	}
	u := newTestUI(t, svc)
	s := u.enterprises
	var pending func()
	s.spawn = func(f func()) { pending = f }
	s.bindItem(pageSize-1, newEnterpriseItem())
	if pending == nil {
		t.Fatal("binding the last row fetched no page")
	}
	s.setQuery("示例企业1有限公司")
	pending()
	if len(s.rows) != 1 {
		t.Errorf("after a stale page: %d rows, want the 1 search hit", len(s.rows))
	}
}

func TestNavigationSwitchesScreens(t *testing.T) {
	tests := []struct {
		key           Screen
		button, shows string
	}{
		{ScreenTasks, "待办", "待办跟进"},
		{ScreenZones, "开发区", "主导产业"},
		{ScreenSync, "同步", "待处理的冲突"},
		{ScreenSettings, "设置", "界面语言"},
		{ScreenEnterprises, "企业", "共 3 家企业"},
	}
	u := newTestUI(t, sampleServices())
	for _, tt := range tests {
		t.Run(string(tt.key), func(t *testing.T) {
			b := u.nav.buttons[tt.key]
			if b == nil || b.Text != tt.button {
				t.Fatalf("button %s = %v, want text %q", tt.key, b, tt.button)
			}
			test.Tap(b)
			if u.nav.current != tt.key {
				t.Errorf("current screen = %s, want %s", u.nav.current, tt.key)
			}
			markup := test.RenderToMarkup(u.Window().Canvas())
			if !strings.Contains(markup, tt.shows) {
				t.Errorf("screen %s does not show %q", tt.key, tt.shows)
			}
			if tt.key != ScreenEnterprises && strings.Contains(markup, "企业名录") {
				t.Errorf("screen %s still shows the enterprise list", tt.key)
			}
		})
	}
}

func TestShowIgnoresUnknownScreen(t *testing.T) {
	u := newTestUI(t, sampleServices())
	u.Show(ScreenZones)
	u.Show("no-such-screen")
	if u.nav.current != ScreenZones {
		t.Errorf("current screen = %s, want %s", u.nav.current, ScreenZones)
	}
}

func TestMainWindowMarkup(t *testing.T) {
	u := newTestUI(t, sampleServices())
	test.AssertRendersToMarkup(t, "main_window.xml", u.Window().Canvas())
}

func TestEnglishInterface(t *testing.T) {
	if err := LoadTranslations(LanguageEnglish); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := LoadTranslations(LanguageChinese); err != nil {
			t.Fatal(err)
		}
	})
	u := newTestUI(t, sampleServices())
	if got := u.nav.buttons[ScreenEnterprises].Text; got != "Enterprises" {
		t.Errorf("nav = %q", got)
	}
	if got := u.enterprises.count.Text; got != "3 enterprises" {
		t.Errorf("count = %q", got)
	}
	if got := u.enterprises.rows[1].stage; got != "Negotiating" {
		t.Errorf("stage = %q", got)
	}
	if got := u.status.sync.Text; got != "Offline · 2 changes to sync" {
		t.Errorf("status = %q", got)
	}
}

func TestSystemLanguage(t *testing.T) {
	t.Cleanup(func() {
		if err := LoadTranslations(LanguageChinese); err != nil {
			t.Fatal(err)
		}
	})
	tests := []struct {
		locale, want string
	}{
		{"en_US", "Enterprises"},
		{"zh_CN", "企业"},
		{"zh_TW", "企业"},
		{"ja_JP", "企业"}, // neither language: Chinese first
		{"en_GB", "Enterprises"},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			t.Setenv("LANGUAGE", tt.locale)
			t.Setenv("LC_ALL", "")
			if err := LoadTranslations(LanguageSystem); err != nil {
				t.Fatal(err)
			}
			u := newTestUI(t, sampleServices())
			if got := u.nav.buttons[ScreenEnterprises].Text; got != tt.want {
				t.Errorf("nav = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestStageFilter narrows the list to one stage, with and without a
// query, and says so when a stage has no enterprises.
func TestStageFilter(t *testing.T) {
	u := newTestUI(t, sampleServices())
	s := u.enterprises
	s.stages.SetSelected("在谈")
	if got := rowNames(s); !slices.Equal(got, []string{"绍兴海川智能装备有限公司"}) || s.count.Text != "在谈 1 家，共 3 家企业" {
		t.Errorf("在谈: %v, %q", got, s.count.Text)
	}
	test.Type(s.search, "有限公司")
	if got := rowNames(s); !slices.Equal(got, []string{"绍兴海川智能装备有限公司"}) {
		t.Errorf("在谈 + query: %v", got)
	}
	s.search.SetText("")
	s.stages.SetSelected("投产")
	if len(s.rows) != 0 || noticeShown(s) != "没有处于「投产」阶段的企业。" || s.start.Visible() {
		t.Errorf("投产: %d rows, notice %q", len(s.rows), noticeShown(s))
	}
	s.stages.SetSelected("全部阶段")
	if len(s.rows) != 3 || s.count.Text != "共 3 家企业" {
		t.Errorf("all stages: %d rows, %q", len(s.rows), s.count.Text)
	}
}
