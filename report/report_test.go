package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/rulepack"
	"github.com/shanhaifield/shanhai/screening"
	"github.com/shanhaifield/shanhai/storage"
)

// fixed is the "now" of the test store: Wednesday 2026-11-25.
var fixed = time.Date(2026, 11, 25, 10, 0, 0, 0, time.Local)

// seedStore holds the 上虞 → 景宁 toy-maker case (DEVELOPERS.md): two
// visits on a trip, a project with site requirements, a referral, an open
// task and a screening run.
func seedStore(t *testing.T) (*storage.Store, *record.Screening) {
	t.Helper()
	ctx := context.Background()
	st, err := storage.Open(ctx, filepath.Join(t.TempDir(), storage.FileName), storage.Options{Author: "王芳", Now: func() time.Time { return fixed }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ent := &record.Enterprise{Name: "浙江四联玩具有限公司", IndustryCode: "2451", Source: "上虞经开区", Tags: []string{"玩具"}}
	mustDo(t, st.Create(ctx, ent))
	other := &record.Enterprise{Name: "丽水示例新材料有限公司"}
	mustDo(t, st.Create(ctx, other))
	land, tax, inv := 50.0, 700.0, 30000.0
	jobs := 350
	proj := &record.Project{EnterpriseID: ent.ID, Name: "智力玩具生产基地", LandMu: &land, TaxWan: &tax, InvestmentWan: &inv, Jobs: &jobs,
		SpecialNeeds: []string{"洁净厂房"}}
	mustDo(t, st.Create(ctx, proj))
	mustDo(t, st.Create(ctx, &record.Visit{EnterpriseID: ent.ID, Date: "2026-11-24", Place: "上虞", Participants: []string{"王芳", "李强"},
		Summary: "洽谈智力玩具生产基地项目，企业希望2027年投产。", Outcome: "企业同意考察景宁经开区", NextStep: "12月初安排企业赴景宁考察"}))
	mustDo(t, st.Create(ctx, &record.Visit{EnterpriseID: other.ID, Date: "2026-11-25", Participants: []string{"李强"}, Summary: "了解扩产计划"}))
	mustDo(t, st.Create(ctx, &record.Task{EnterpriseID: ent.ID, Title: "发送标准地指标", Due: "2026-12-01", Assignee: "王芳"}))
	mustDo(t, st.Refer(ctx, &record.Referral{EnterpriseID: ent.ID, FromZone: "上虞经济技术开发区", ToZone: "景宁经济开发区",
		Reason: "产业定位更符合景宁婴幼儿教具玩具", Status: record.ReferralPending, SentOn: "2026-11-25"}))
	pack, err := rulepack.Load()
	if err != nil {
		t.Fatal(err)
	}
	zones := pack.ZoneIDs()
	results := screening.Screen(pack, screening.Candidate{Enterprise: ent, Project: proj}, zones[:min(2, len(zones))])
	rec, err := screening.NewRecord(results)
	if err != nil {
		t.Fatal(err)
	}
	mustDo(t, st.Create(ctx, rec))
	return st, rec
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// pdfText extracts the text of a PDF with pdftotext (poppler-utils), so
// that the test reads the report as a user's viewer would.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", data[:min(16, len(data))])
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestReports(t *testing.T) {
	ctx := context.Background()
	st, scr := seedStore(t)
	tests := []struct {
		name  string
		write func(w *bytes.Buffer) error
		want  []string
		not   []string
	}{
		{"screening", func(w *bytes.Buffer) error { return Screening(w, scr, fixed) },
			[]string{"筛查报告", "浙江四联玩具有限公司", "规则包" + scr.PackVersion, "产业定位", "用地", "50亩", "筛查结论"}, nil},
		{"trip of 李强", func(w *bytes.Buffer) error {
			return Trip(ctx, st, TripQuery{From: "2026-11-23", To: "2026-11-26", Person: "李强"}, w, fixed)
		}, []string{"出差走访报告", "李强", "浙江四联玩具有限公司", "丽水示例新材料有限公司", "企业同意考察景宁经开区",
			"智力玩具生产基地", "洁净厂房", "景宁经济开发区", "12月初安排企业赴景宁考察", "发送标准地指标"}, nil},
		{"trip of 王芳 leaves out 李强's other visit", func(w *bytes.Buffer) error {
			return Trip(ctx, st, TripQuery{From: "2026-11-23", To: "2026-11-26", Person: "王芳"}, w, fixed)
		}, []string{"浙江四联玩具有限公司"}, []string{"丽水示例新材料有限公司"}},
		{"weekly", func(w *bytes.Buffer) error {
			return Weekly(ctx, st, WeekQuery{Day: "2026-11-26", Zone: "上虞经济技术开发区"}, w, fixed)
		}, []string{"一周一报", "2026-11-23", "2026-11-29", "新增线索", "浙江四联玩具有限公司", "走访", "转出",
			"产业定位更符合景宁婴幼儿教具玩具", "本周没有转入"}, nil},
		{"an empty week", func(w *bytes.Buffer) error {
			return Weekly(ctx, st, WeekQuery{Day: "2026-10-01"}, w, fixed)
		}, []string{"本周没有新增企业", "本周没有走访记录"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.write(&buf); err != nil {
				t.Fatal(err)
			}
			text := strings.Join(strings.Fields(pdfText(t, buf.Bytes())), "") // lines wrap anywhere in Chinese
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("report lacks %q:\n%s", w, text)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(text, w) {
					t.Errorf("report has %q", w)
				}
			}
			if dir := os.Getenv("REPORT_OUT"); dir != "" { // for looking at them: pdftoppm -png -r 60
				_ = os.WriteFile(filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".pdf"), buf.Bytes(), 0o644)
			}
		})
	}
}

func TestReportBadInput(t *testing.T) {
	ctx := context.Background()
	st, _ := seedStore(t)
	var buf bytes.Buffer
	if err := Trip(ctx, st, TripQuery{From: "2026-13-01", To: "2026-11-30"}, &buf, fixed); err == nil {
		t.Error("a bad date gave no error")
	}
	if err := Weekly(ctx, st, WeekQuery{Day: "next week"}, &buf, fixed); err == nil {
		t.Error("a bad week gave no error")
	}
	if err := Screening(&buf, &record.Screening{Inputs: []byte("{"), Results: []byte("[")}, fixed); err == nil {
		t.Error("a broken screening record gave no error")
	}
}

func TestWrap(t *testing.T) {
	d := newDoc("t", fixed)
	d.pdf.SetFont(family, "", 10)
	tests := []struct {
		text  string
		width float64
	}{
		{"浙江四联玩具有限公司（智力玩具）拟在景宁经济开发区投资建设年产五百万套婴幼儿教具项目，用地五十亩。", 40},
		{"The quick brown fox jumps over the lazy dog 用地 50 亩。ABC", 30},
		{"", 10},
		{"一\n二", 10},
	}
	for _, tt := range tests {
		lines := d.wrap(tt.text, tt.width)
		joined := strings.Join(lines, "")
		if strings.ReplaceAll(strings.ReplaceAll(tt.text, " ", ""), "\n", "") != strings.ReplaceAll(joined, " ", "") {
			t.Errorf("wrap lost text: %q → %q", tt.text, lines)
		}
		for _, l := range lines {
			if w := d.pdf.GetStringWidth(l); w > tt.width+0.01 && len([]rune(l)) > 1 {
				t.Errorf("line %q is %.1f wide, limit %.1f", l, w, tt.width)
			}
			if l != "" && strings.ContainsRune("，。）", []rune(l)[0]) {
				t.Errorf("line starts with closing punctuation: %q", l)
			}
		}
	}
}
