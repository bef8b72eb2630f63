package app

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/rulepack"
	"github.com/shanhaifield/shanhai/screening"
)

// TestReports writes each report the window offers to a temporary file
// through the same path the save dialogs' callbacks take, on a real store
// (example data, invented names), and checks each is a PDF; a bad date
// gives an error and no PDF.
func TestReports(t *testing.T) {
	store := openStore(t)
	e := &record.Enterprise{Name: "丽水云和精密机械有限公司", IndustryCode: "3484"}
	mustCreate(t, store, e)
	mustCreate(t, store, &record.Visit{EnterpriseID: e.ID, Date: "2026-11-20", Participants: []string{"王芳"}, Summary: "参观标准厂房"})
	land := 45.0
	p := &record.Project{EnterpriseID: e.ID, Name: "精密零部件二期", LandMu: &land}
	mustCreate(t, store, p)
	pack, err := rulepack.Load()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := screening.NewRecord(screening.Screen(pack, screening.Candidate{Enterprise: e, Project: p}, []string{"songyang"}))
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, store, sc)

	u := newTestUI(t, store)
	tests := []struct {
		name   string
		set    func()
		writer func() func(context.Context, io.Writer) error
		ok     bool
	}{
		{"trip", func() {
			u.reportForm.from.SetText("2026-11-16")
			u.reportForm.to.SetText("2026-11-22")
			u.reportForm.person.SetText("王芳")
		}, u.tripWriter, true},
		{"weekly", func() { u.reportForm.week.SetText("2026-11-20") }, u.weeklyWriter, true},
		{"screening", func() {}, func() func(context.Context, io.Writer) error { return screeningWriter(sc) }, true},
		{"trip with a bad date", func() { u.reportForm.from.SetText("2026-13-01") }, u.tripWriter, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.set()
			path := filepath.Join(t.TempDir(), "report.pdf")
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			u.saveReport(f, tt.writer())
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			markup := test.RenderToMarkup(u.Window().Canvas())
			if tt.ok && (!bytes.HasPrefix(data, []byte("%PDF")) || !strings.Contains(markup, "报告已保存")) {
				t.Errorf("got %d bytes starting %q, saved message shown %v", len(data), data[:min(len(data), 8)], strings.Contains(markup, "报告已保存"))
			}
			if !tt.ok && (len(data) != 0 || !strings.Contains(markup, "生成报告失败")) {
				t.Errorf("a failed report wrote %d bytes or showed no error", len(data))
			}
			if d := u.window.Canvas().Overlays().Top(); d != nil {
				u.window.Canvas().Overlays().Remove(d)
			}
		})
	}
}

// TestScreeningExportButton checks that the detail's 导出报告 button asks
// where to save the report of its screening.
func TestScreeningExportButton(t *testing.T) {
	store := openStore(t)
	e := &record.Enterprise{Name: "丽水云和精密机械有限公司"}
	mustCreate(t, store, e)
	pack, err := rulepack.Load()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := screening.NewRecord(screening.Screen(pack, screening.Candidate{Enterprise: e}, []string{"songyang"}))
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, store, sc)
	u := newTestUI(t, store)
	u.openEnterprise(e.ID)
	var got *record.Screening
	u.detail.onExport = func(s *record.Screening) { got = s }
	b := u.detail.exports[sc.ID]
	if b == nil {
		t.Fatal("no export button for the screening")
	}
	test.Tap(b)
	if got == nil || got.ID != sc.ID {
		t.Fatalf("export asked for %v, want screening %s", got, sc.ID)
	}
}

// TestReportDates checks that a bad date is refused with a message
// before any file dialog opens.
func TestReportDates(t *testing.T) {
	tests := []struct {
		from, to string
		ok       bool
	}{
		{"2026-11-16", "2026-11-22", true},
		{"2026-13-01", "2026-11-22", false},
		{"2026-11-16", "下周", false},
		{"", "2026-11-22", false},
	}
	for _, tt := range tests {
		u := newTestUI(t, openStore(t))
		if got := u.validDates(tt.from, tt.to); got != tt.ok {
			t.Errorf("validDates(%q, %q) = %v, want %v", tt.from, tt.to, got, tt.ok)
		}
		shown := strings.Contains(test.RenderToMarkup(u.Window().Canvas()), "格式不对")
		if shown == tt.ok {
			t.Errorf("validDates(%q, %q): message shown %v", tt.from, tt.to, shown)
		}
	}
}
