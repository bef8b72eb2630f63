package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/rulepack"
	"github.com/shanhaifield/shanhai/screening"
)

// TestEnterpriseDetailTabs opens an enterprise from the list of a real
// store and checks what each tab shows, including a stored screening
// decoded into verdicts and the field history.
func TestEnterpriseDetailTabs(t *testing.T) {
	store := openStore(t)
	e := &record.Enterprise{Name: "丽水云和精密机械有限公司", Stage: record.StageNegotiating, RegionCode: "331125",
		IndustryCode: "3484", ZoneID: "songyang"}
	mustCreate(t, store, e)
	mustCreate(t, store, &record.Contact{EnterpriseID: e.ID, Name: "吴海峰", Title: "总经理", LegalBasis: record.BasisPublic})
	mustCreate(t, store, &record.Visit{EnterpriseID: e.ID, Date: "2026-11-20", Summary: "参观标准厂房"})
	land := 45.0
	p := &record.Project{EnterpriseID: e.ID, Name: "精密零部件二期", LandMu: &land}
	mustCreate(t, store, p)
	pack, err := rulepack.Load()
	if err != nil {
		t.Fatal(err)
	}
	results := screening.Screen(pack, screening.Candidate{Enterprise: e, Project: p}, []string{"songyang"})
	sc, err := screening.NewRecord(results)
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, store, sc)

	u := newTestUI(t, store)
	u.enterprises.list.Select(0)
	if u.nav.stack.Objects[0] != u.detail.content {
		t.Fatal("selecting a row did not open the detail")
	}
	tests := []struct {
		tab   int
		shows []string
	}{
		{0, []string{"丽水云和精密机械有限公司", "在谈 · 丽水市 331125 · 松阳经开区", "企业名称", "所属行业", "3484"}},
		{1, []string{"吴海峰", "总经理", "本人公开的商务联系方式"}},
		{2, []string{"2026-11-20", "参观标准厂房"}},
		{3, []string{"精密零部件二期", "用地面积（亩）", "45"}},
		{4, []string{"规则包 " + pack.Version, results[0].ZoneName, verdictLabel(results[0].Verdict), string([]rune(results[0].Rules[0].Zh)[:8])}},
		{5, []string{"最后修改于", "企业「丽水云和精密机械有限公司」", "测试"}},
	}
	for _, tt := range tests {
		u.detail.tabs.SelectIndex(tt.tab)
		markup := test.RenderToMarkup(u.Window().Canvas())
		for _, want := range tt.shows {
			if !strings.Contains(markup, want) {
				t.Errorf("tab %d does not show %q", tt.tab, want)
			}
		}
	}
	// One save is one history line, naming every field it wrote.
	var entLines []change
	changes, err := historyChanges(context.Background(), store, u.detail.ent, u.detail.children)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		if c.kind == record.KindEnterprise {
			entLines = append(entLines, c)
		}
	}
	if len(entLines) != 1 || !slices.Contains(entLines[0].fields, "阶段") || !slices.Contains(entLines[0].fields, "企业名称") {
		t.Errorf("enterprise history = %+v, want one line with 企业名称 and 阶段", entLines)
	}
	test.Tap(u.detail.back)
	if u.nav.stack.Objects[0] != u.enterprises.content {
		t.Error("back did not return to the list")
	}
}

func TestDetailEmptyTabs(t *testing.T) {
	u := newTestUI(t, sampleServices())
	u.openEnterprise("E1")
	for tab, want := range map[int]string{1: "还没有联系人。", 2: "还没有走访记录。", 3: "还没有项目需求。", 4: "还没有保存的筛查结果。"} {
		u.detail.tabs.SelectIndex(tab)
		if !strings.Contains(test.RenderToMarkup(u.Window().Canvas()), want) {
			t.Errorf("tab %d does not say %q", tab, want)
		}
	}
	u.openEnterprise("no-such-id")
	if u.nav.stack.Objects[0] != u.detail.content || u.detail.ent.ID != "E1" {
		t.Error("a failed open replaced the shown enterprise")
	}
}

func mustCreate(t *testing.T, s Services, r record.Record) {
	t.Helper()
	if err := s.Create(context.Background(), r); err != nil {
		t.Fatal(err)
	}
}

// TestEditProjectFromDetail edits a project through its card's 编辑: an
// impossible plot ratio is refused beside the field, a good one stored.
func TestEditProjectFromDetail(t *testing.T) {
	svc := sampleServices()
	land := 40.0
	svc.records = append(svc.records,
		&record.Project{Meta: record.Meta{ID: "P1"}, EnterpriseID: "E2", Name: "智能装备基地", LandMu: &land},
		&record.Task{Meta: record.Meta{ID: "T1"}, EnterpriseID: "E2", Title: "报送测算", Due: "2026-12-01"})
	u := newTestUI(t, svc)
	u.openEnterprise("E2")
	u.detail.tabs.SelectIndex(2)
	if !strings.Contains(test.RenderToMarkup(u.Window().Canvas()), "2026-12-01　报送测算（未完成）") {
		t.Error("the visits tab does not list the follow-up")
	}
	test.Tap(u.detail.edits["P1"])
	d := u.form
	if d == nil || d.create || d.form.byName["land_mu"].entry.Text != "40" {
		t.Fatal("edit form not filled from the project")
	}
	test.Type(d.form.byName["plot_ratio"].entry, "99")
	test.Tap(d.save)
	if got := msg(d, "plot_ratio"); !strings.Contains(got, "超出范围") {
		t.Errorf("plot ratio message = %q", got)
	}
	d.form.byName["plot_ratio"].entry.SetText("1.8")
	test.Tap(d.save)
	if u.form != nil {
		t.Fatal("the project was not saved")
	}
	p, _ := svc.Get(t.Context(), "P1")
	if r := p.(*record.Project).PlotRatio; r == nil || *r != 1.8 || p.(*record.Project).Name != "智能装备基地" {
		t.Errorf("stored %+v", p)
	}
}
