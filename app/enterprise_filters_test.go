package app

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/record"
)

// selectStarting picks the option of sel that starts with prefix.
func selectStarting(t *testing.T, sel *widget.Select, prefix string) {
	t.Helper()
	for _, o := range sel.Options {
		if strings.HasPrefix(o, prefix) {
			sel.SetSelected(o)
			return
		}
	}
	t.Fatalf("no option starting with %q in %v", prefix, sel.Options)
}

// TestEnterpriseFilters sets the industry, zone and due filters through
// their widgets over example enterprises (invented names) in the fake.
func TestEnterpriseFilters(t *testing.T) {
	today := time.Date(2026, 11, 26, 9, 0, 0, 0, time.Local)
	e := func(id, industry, zone string) *record.Enterprise {
		r := enterprise(id, "示例"+id+"有限公司", "", record.StageLead, "")
		r.IndustryCode, r.ZoneID = industry, zone
		return r
	}
	task := func(id, ent, due string, done bool) *record.Task {
		return &record.Task{Meta: record.Meta{ID: id}, EnterpriseID: ent, Title: "回访", Due: due, Done: done}
	}
	svc := &fakeServices{}
	u := newTestUI(t, svc)
	s := u.enterprises
	if s.industries.Selected != "全部行业" || s.zones.Selected != "全部开发区" || len(s.industries.Options) < 90 {
		t.Fatalf("filters: %q (%d options), %q", s.industries.Selected, len(s.industries.Options), s.zones.Selected)
	}
	zones := u.ref.pack.Zones()
	if len(zones) < 2 {
		t.Fatalf("rule pack has %d zones", len(zones))
	}
	z0, z1 := zones[0], zones[1]
	svc.records = []record.Record{
		e("E1", "3670", z0.ID), e("E2", "3611", z1.ID), e("E3", "2451", z0.ID), e("E4", "C", ""),
		task("T1", "E1", "2026-11-25", false), task("T2", "E3", "2026-11-27", false), task("T3", "E4", "2026-11-20", true),
	}
	s.now = func() time.Time { return today }
	s.spawn = func(f func()) { f() }
	s.reload()
	names := func(ids ...string) []string {
		var out []string
		for _, id := range ids {
			out = append(out, "示例"+id+"有限公司")
		}
		return out
	}
	tests := []struct {
		name           string
		industry, zone string // option prefixes
		due            bool
		want           []string
		notice         string
	}{
		{"all", "全部", "全部", false, names("E1", "E2", "E3", "E4"), ""},
		{"industry 36", "36 ", "全部", false, names("E1", "E2"), ""},
		{"zone", "全部", z0.ShortName, false, names("E1", "E3"), ""},
		{"due", "全部", "全部", true, names("E1"), ""},
		{"industry and zone", "36 ", z0.ShortName, false, names("E1"), ""},
		{"nothing matches", "24 ", "全部", true, nil, "没有符合筛选条件的企业。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			selectStarting(t, s.industries, tt.industry)
			selectStarting(t, s.zones, tt.zone)
			s.dueCheck.SetChecked(tt.due)
			if got := rowNames(s); !slices.Equal(got, tt.want) {
				t.Errorf("rows %v, want %v", got, tt.want)
			}
			if got := noticeShown(s); got != tt.notice {
				t.Errorf("notice %q, want %q", got, tt.notice)
			}
		})
	}
	selectStarting(t, s.industries, "全部")
	selectStarting(t, s.zones, "全部")
	s.dueCheck.SetChecked(false)
	test.Tap(s.dueCheck)
	if !s.dueOnly || s.count.Text != "找到 1 家，共 4 家企业" {
		t.Errorf("tapped due: on %v, count %q", s.dueOnly, s.count.Text)
	}
}

// TestEnterpriseFilterAcrossPages filters a store whose only match sits
// on the last page: pages load until it is found, though no row near the
// loaded end is ever drawn.
func TestEnterpriseFilterAcrossPages(t *testing.T) {
	const n = 2*pageSize + 5
	svc := &fakeServices{}
	for i := range n {
		r := enterprise(fmt.Sprintf("E%05d", i), fmt.Sprintf("示例企业%d有限公司", i), "", record.StageLead, "")
		r.IndustryCode = "2451"
		if i == n-1 {
			r.IndustryCode = "3670"
		}
		svc.records = append(svc.records, r)
	}
	u := newTestUI(t, svc)
	s := u.enterprises
	s.spawn = func(f func()) { f() }
	selectStarting(t, s.industries, "36 ")
	want := fmt.Sprintf("找到 1 家，共 %d 家企业", n)
	if len(s.rows) != 1 || s.rows[0].industry != "3670" || s.count.Text != want || s.next != "" {
		t.Errorf("%d rows, count %q, next %q; want the 1 match, %q", len(s.rows), s.count.Text, s.next, want)
	}
}
