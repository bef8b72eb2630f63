package screening

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/rulepack"
)

func TestRuleReasons(t *testing.T) {
	p := loadPack(t)
	tests := []struct {
		name    string
		zone    string
		code    string
		pj      record.Project
		rule    string
		subject string
		outcome Outcome
		zh      string
	}{
		{"investment below the zone standard", "songyang", "3484", record.Project{FixedAssetWan: f(9000), LandMu: f(50)},
			RuleInvestment, "", Fail, "固定资产投资强度 180 万元/亩，低于松阳经开区 2024 标准 270 万元/亩"},
		{"investment meets the standard", "songyang", "3484", record.Project{FixedAssetWan: f(15000), LandMu: f(50)},
			RuleInvestment, "", Pass, "固定资产投资强度 300 万元/亩，达到松阳经开区 2024 标准 270 万元/亩"},
		{"no land area", "songyang", "3484", record.Project{FixedAssetWan: f(15000)},
			RuleInvestment, "", Missing, "缺少用地面积（亩），无法计算投资强度"},
		{"tax per mu below, default row", "songyang", "2929", record.Project{TaxWan: f(500), LandMu: f(50)},
			RuleTaxPerMu, "", Fail, "亩均税收 10 万元/亩，低于松阳经开区 2024 标准 20 万元/亩"},
		{"plot ratio from building area", "songyang", "3484", record.Project{BuildingAreaM2: f(50000), LandMu: f(30)},
			RulePlotRatio, "", Pass, "容积率 2.5，符合松阳经开区 2024 标准（1.2–2.5）"},
		{"plot ratio above the range", "jingning", "2459", record.Project{PlotRatio: f(3.2)},
			RulePlotRatio, "", Fail, "容积率 3.2，高于景宁经开区 2024 标准上限 2.5"},
		{"national plot floor where the zone has no table", "nanxun", "2929", record.Project{PlotRatio: f(0.8)},
			RulePlotRatio, "", Fail, "容积率 0.8，低于国家控制指标下限 1"},
		{"no zone table: national floors only", "nanxun", "2929", record.Project{},
			RuleNationalFloors, "", Warn, "南浔经开区未录入用地标准，按国家底线：建筑系数不低于30%，行政办公及生活服务设施用地不超过7%"},
		{"power gap", "songyang", "3484", record.Project{PowerKVA: f(7000)},
			RuleSitePower, "", Fail, "电力缺口 2,000 kVA（需求 7,000 kVA，松阳经开区载体最大 5,000 kVA）"},
		{"land gap", "jingning", "2459", record.Project{LandMu: f(80)},
			RuleSiteLand, "", Fail, "用地缺口 20 亩"},
		{"special need unmet", "songyang", "3484", record.Project{SpecialNeeds: []string{"铁路专用线"}},
			RuleSiteSpecial, "铁路专用线", Fail, "特殊需求「铁路专用线」：松阳经开区载体无法满足"},
		{"wastewater over the cap", "jingning", "2459", record.Project{WastewaterTPD: f(150)},
			RuleWastewater, "", Fail, "废水排放量 150 吨/日，超过景宁经开区上限 100 吨/日"},
		{"energy cap missing", "jingning", "2459", record.Project{},
			RuleEnergy, "", Missing, "缺少年综合能耗（吨标准煤），无法对照景宁经开区上限 2,000 吨标准煤"},
		{"provincial energy review", "longyou", "2221", record.Project{EnergyTce: f(12000)},
			RuleEnergy, "", Warn, "年综合能耗 12,000 吨标准煤，达到 10,000 吨标准煤，须经省级节能审查"},
		{"EIA report needed: solvent ≥ 10 t", "jingning", "2459", record.Project{SolventTPY: f(12)},
			RuleEIA, "", Fail, "需编制环评报告书（名录第40项"},
		{"EIA unknown without solvent figure", "jingning", "2459", record.Project{},
			RuleEIA, "", Missing, "缺少年用溶剂型涂料量（吨），无法确定环评类别"},
		{"EIA report form by injection moulding", "jingning", "2459", record.Project{SolventTPY: f(0), Processes: []string{"塑料注塑"}},
			RuleEIA, "", Pass, "环评类别：环评报告表（名录第40项"},
		{"paper needs a full report; 龙游 admits it", "longyou", "2221", record.Project{},
			RuleEIA, "", Pass, "环评类别：环评报告书（名录第37项"},
		{"两高 rejected in a mountain zone", "suichang", "2614", record.Project{},
			RuleTwoHigh, "", Fail, "属两高行业（26 化学原料和化学制品制造业），遂昌经开区不接受"},
		{"两高 reviewed in an advanced zone", "shangyu", "2614", record.Project{},
			RuleTwoHigh, "", Warn, "属两高行业（26 化学原料和化学制品制造业），上虞经开区需研判"},
		{"VOC sector with solvent in a mountain zone", "tiantai", "3670", record.Project{SolventTPY: f(4)},
			RuleVOC, "", Warn, "属VOCs重点行业（36 汽车制造业），年用溶剂型原辅料 4 吨，天台经开区需研判"},
		{"VOC sector without solvent", "tiantai", "3670", record.Project{SolventTPY: f(0)},
			RuleVOC, "", Pass, "属VOCs重点行业（36 汽车制造业），不使用溶剂型原辅料"},
		{"no industry code", "jingning", "", record.Project{},
			RulePositioning, "", Missing, "缺少行业代码（国民经济行业分类），无法判断产业定位"},
		{"malformed industry code", "jingning", "24-5", record.Project{},
			RulePositioning, "", Missing, "行业代码「24-5」不是有效的 GB/T 4754-2017 代码"},
		{"typed code is normalised", "jingning", "Ｃ２４５９", record.Project{},
			RulePositioning, "", Pass, "行业代码 2459 属景宁经开区主导产业「婴幼儿教具玩具」"},
		{"code too coarse", "jingning", "24", record.Project{},
			RulePositioning, "", Warn, "行业代码 24 过粗，景宁经开区主导产业「婴幼儿教具玩具」为 245"},
		{"upstream supplier extends the chain", "jingning", "2929", record.Project{},
			RulePositioning, "", Pass, "行业代码 2929 属玩具与婴幼儿教具产业链上游环节（2929 塑料零件及其他塑料制品制造），可为景宁经开区延链"},
		{"downstream trade extends the chain", "shangyu", "5151", record.Project{},
			RulePositioning, "", Pass, "行业代码 5151 属生物医药与洁净医药产业链下游环节（515 医药及医疗器材批发），可为上虞经开区延链"},
		{"a segment the zone has strengthens the chain", "huzhou", "3611", record.Project{},
			RulePositioning, "", Pass, "行业代码 3611 属汽车零部件产业链下游环节（3611 汽柴油车整车制造），可为湖州经开区强链"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pj := tt.pj
			c := Candidate{Enterprise: &record.Enterprise{IndustryCode: tt.code}, Project: &pj}
			r := Check(p, c, tt.zone)
			for _, x := range r.Rules {
				if x.Rule != tt.rule || (tt.subject != "" && x.Subject != tt.subject) {
					continue
				}
				if x.Outcome != tt.outcome || !strings.HasPrefix(x.Zh, tt.zh) && !strings.Contains(x.Zh, tt.zh) {
					t.Errorf("%s = %s %q, want %s %q", tt.rule, x.Outcome, x.Zh, tt.outcome, tt.zh)
				}
				if x.En == "" {
					t.Errorf("%s has no English reason", tt.rule)
				}
				return
			}
			t.Errorf("rule %s not reported: %+v", tt.rule, r.Rules)
		})
	}
}

func TestTags(t *testing.T) {
	up, mid, down := rulepack.Upstream, rulepack.Midstream, rulepack.Downstream
	tests := []struct {
		zone []rulepack.Role
		seg  rulepack.Role
		want Tag
	}{
		{[]rulepack.Role{mid}, up, Extend},
		{[]rulepack.Role{mid}, down, Extend},
		{[]rulepack.Role{mid}, mid, Strengthen},
		{[]rulepack.Role{up, down}, mid, Fill},
		{[]rulepack.Role{up, mid}, down, Extend},
	}
	for _, tt := range tests {
		if got := tagFor(&rulepack.ChainRole{Segments: tt.zone}, tt.seg); got != tt.want {
			t.Errorf("tagFor(%v, %s) = %s, want %s", tt.zone, tt.seg, got, tt.want)
		}
	}
}

func TestVerdictPolicy(t *testing.T) {
	tests := []struct {
		name  string
		rules []RuleResult
		want  Verdict
	}{
		{"all pass", []RuleResult{{Outcome: Pass}, {Outcome: Pass, Hard: true}}, Admit},
		{"a warning", []RuleResult{{Outcome: Pass}, {Outcome: Warn}}, Review},
		{"missing data", []RuleResult{{Outcome: Missing, Hard: true}}, Review},
		{"soft failure", []RuleResult{{Outcome: Fail}}, Review},
		{"hard failure", []RuleResult{{Outcome: Warn}, {Outcome: Fail, Hard: true}, {Outcome: Missing}}, Reject},
	}
	for _, tt := range tests {
		if got, _ := decide(tt.rules, 0); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestUnknownZoneAndNilProject(t *testing.T) {
	p := loadPack(t)
	r := Check(p, Candidate{}, "atlantis")
	if r.Verdict != Review || r.Rules[0].Rule != RuleZone || !strings.Contains(r.Rules[0].Zh, "atlantis") {
		t.Errorf("unknown zone: %+v", r)
	}
	r = Check(p, Candidate{Enterprise: &record.Enterprise{IndustryCode: "2459"}}, "jingning")
	if r.Verdict != Review {
		t.Errorf("no project: %s", r.Verdict)
	}
	for _, x := range r.Rules {
		if x.Field == "land_mu" && x.Outcome != Missing {
			t.Errorf("no project but %s = %s", x.Rule, x.Outcome)
		}
	}
}

func TestNoPackDoesNotPanic(t *testing.T) {
	for _, p := range []*rulepack.Pack{nil, {}} {
		c := silianFull()
		if r := Check(p, c, "jingning"); r.Verdict != Review || r.Rules[0].Key != "unknown_zone" {
			t.Errorf("Check without a pack = %+v", r)
		}
		if len(Screen(p, c, AllZones(p))) != 0 || Similarity(p, "a", "b") != 0 || ChainLinks(p, "a", "b") != nil || OwnAndPaired(p, c.Enterprise) != nil {
			t.Error("empty pack answered")
		}
	}
	if _, _, err := FromRecord(nil); err == nil {
		t.Error("nil record read")
	}
}

func TestOwnAndPaired(t *testing.T) {
	p := loadPack(t)
	tests := []struct {
		zone string
		want string
	}{
		{"shangyu", "shangyu,jingning"},
		{"nanxun", "nanxun,longyou,suichang"},
		{"", ""},
		{"atlantis", ""},
	}
	for _, tt := range tests {
		got := strings.Join(OwnAndPaired(p, &record.Enterprise{ZoneID: tt.zone}), ",")
		if got != tt.want {
			t.Errorf("OwnAndPaired(%q) = %q, want %q", tt.zone, got, tt.want)
		}
	}
	if len(AllZones(p)) != len(p.ZoneList) {
		t.Error("AllZones misses zones")
	}
}

func TestScreenRanksOwnAndPaired(t *testing.T) {
	p := loadPack(t)
	c := silianFull()
	res := Screen(p, c, OwnAndPaired(p, c.Enterprise))
	if len(res) != 2 || res[0].ZoneID != "jingning" || res[1].ZoneID != "shangyu" {
		t.Fatalf("ranking = %v", []string{res[0].ZoneID, res[1].ZoneID})
	}
	if res[0].PackVersion != p.Version || res[0].PackDate != p.Date || res[0].Input.Project != c.Project {
		t.Error("result does not record the pack and inputs")
	}
}

func TestResultJSONRoundTrip(t *testing.T) {
	p := loadPack(t)
	r := Check(p, silianFull(), "jingning")
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back Result
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if d := Diff(r, back); len(d) != 0 {
		t.Errorf("round trip changed the result: %+v", d)
	}
	// A stored result can be re-explained and re-run from its inputs.
	back.Rules[0].Zh = ""
	back.Explain()
	if back.Rules[0].Zh != r.Rules[0].Zh {
		t.Errorf("re-explained %q, want %q", back.Rules[0].Zh, r.Rules[0].Zh)
	}
	again := Check(p, back.Input, back.ZoneID)
	if again.Verdict != r.Verdict || len(Diff(r, again)) != 0 {
		t.Errorf("re-run differs: %+v", Diff(r, again))
	}
}

func TestNum(t *testing.T) {
	tests := map[float64]string{0: "0", 180: "180", 2000: "2,000", 1234567.891: "1,234,567.89", 1.2: "1.2",
		22.6: "22.6", -2000: "-2,000", 0.005: "0.01", 999.999: "1,000", -0.001: "0", 100: "100", 1e21: "1,000,000,000,000,000,000,000"}
	for v, want := range tests {
		if got := num(v); got != want {
			t.Errorf("num(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestExampleDataIsFlagged(t *testing.T) {
	p := loadPack(t)
	const flag = "（规则包示例数据，待开发区核实）"
	tests := []struct {
		name, zone, code string
		pj               record.Project
		rule             string
		evidence         rulepack.Evidence
	}{
		{"example land table", "songyang", "3484", record.Project{FixedAssetWan: f(9000), LandMu: f(50)}, RuleInvestment, rulepack.Example},
		{"sourced leading industry", "jingning", "2459", record.Project{}, RulePositioning, rulepack.Secondary},
		{"景宁's sourced eco rule", "jingning", "1713", record.Project{}, RuleNegativeCode, rulepack.Secondary},
		{"example carriers", "jingning", "2459", record.Project{PowerKVA: f(100)}, RuleSitePower, rulepack.Example},
		{"example chain mapping", "jingning", "2929", record.Project{}, RulePositioning, rulepack.Example},
	}
	for _, tt := range tests {
		pj := tt.pj
		r := Check(p, Candidate{Enterprise: &record.Enterprise{IndustryCode: tt.code}, Project: &pj}, tt.zone)
		x, _ := r.Rule(tt.rule)
		if x.Evidence != tt.evidence || strings.HasSuffix(x.Zh, flag) != (tt.evidence == rulepack.Example) {
			t.Errorf("%s: evidence %s, reason %q", tt.name, x.Evidence, x.Zh)
		}
	}
}
