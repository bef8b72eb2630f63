package screening

import (
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/rulepack"
)

func loadPack(t testing.TB) *rulepack.Pack {
	t.Helper()
	p, err := rulepack.Load()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func f(v float64) *float64 { return &v }
func n(v int) *int         { return &v }

// silianSeed is 浙江四联玩具 as the seed article gives it: 智力玩具,
// 700万元 tax a year, 350 jobs, no polluting process.
func silianSeed() Candidate {
	return Candidate{
		Enterprise: &record.Enterprise{Name: "浙江四联玩具有限公司", IndustryCode: "2459", ZoneID: "shangyu"},
		Project:    &record.Project{Name: "智力玩具生产基地", TaxWan: f(700), Jobs: n(350)},
	}
}

// silianFull completes the seed with example figures (not in the seed)
// for land, investment and utilities.
func silianFull() Candidate {
	c := silianSeed()
	pj := *c.Project
	pj.LandMu, pj.FixedAssetWan, pj.PlotRatio = f(40), f(15000), f(1.5)
	pj.PowerKVA, pj.WaterTPD, pj.WastewaterTPD, pj.EnergyTce, pj.SolventTPY = f(2000), f(50), f(20), f(800), f(0)
	c.Project = &pj
	return c
}

// drone is the 龙游 drone plant: 智能无人飞行器 3963, 1万台/年, needing
// test-flight airspace; the other figures are examples.
func drone() Candidate {
	return Candidate{
		Enterprise: &record.Enterprise{Name: "无人机小微孵化园项目", IndustryCode: "3963"},
		Project: &record.Project{Name: "年产1万台无人机生产线", LandMu: f(50), FixedAssetWan: f(20000), TaxWan: f(1500),
			PlotRatio: f(1.5), PowerKVA: f(3000), WaterTPD: f(50), WastewaterTPD: f(10), EnergyTce: f(1500), SolventTPY: f(2),
			SpecialNeeds: []string{"无人机试飞空域"}},
	}
}

func outcomes(r Result, prefix string) map[string]Outcome {
	m := map[string]Outcome{}
	for _, x := range r.Rules {
		if strings.HasPrefix(x.Rule, prefix) {
			m[x.Rule+"/"+x.Subject] = x.Outcome
		}
	}
	return m
}

func TestSeedToyFitsJingning(t *testing.T) {
	p := loadPack(t)
	full := Check(p, silianFull(), "jingning")
	if full.Verdict != Admit {
		t.Fatalf("四联 (full figures) at 景宁 = %s, want admit; rules %+v", full.Verdict, full.Rules)
	}
	pos, _ := full.Rule(RulePositioning)
	if pos.Key != "leading" || pos.Match != "245" || !strings.Contains(pos.Zh, "婴幼儿教具玩具") {
		t.Errorf("positioning = %+v", pos)
	}
	seed := Check(p, silianSeed(), "jingning")
	if seed.Verdict != Review {
		t.Errorf("四联 (seed figures only) at 景宁 = %s, want review", seed.Verdict)
	}
	for _, r := range seed.Rules {
		if r.Outcome == Fail {
			t.Errorf("seed-only figures fail %s: %s", r.Rule, r.Zh)
		}
	}
	inv, _ := seed.Rule(RuleInvestment)
	if inv.Outcome != Missing || inv.Zh != "缺少固定资产投资（万元），无法计算投资强度" {
		t.Errorf("investment with no figures = %s %q", inv.Outcome, inv.Zh)
	}
	tax, _ := seed.Rule(RuleTaxPerMu)
	if tax.Outcome != Missing || tax.Zh != "缺少用地面积（亩），无法计算亩均税收" {
		t.Errorf("tax per mu with no land = %s %q", tax.Outcome, tax.Zh)
	}
	sy := Check(p, silianFull(), "shangyu")
	if sy.Verdict == Admit {
		t.Errorf("四联 need not fit 上虞, got admit")
	}
}

func TestSeedDroneFitsLongyou(t *testing.T) {
	p := loadPack(t)
	r := Check(p, drone(), "longyou")
	if r.Verdict != Admit {
		t.Fatalf("drone at 龙游 = %s; rules %+v", r.Verdict, r.Rules)
	}
	sp, _ := r.Rule(RuleSiteSpecial)
	if sp.Outcome != Pass || !strings.Contains(sp.Zh, "无人机试飞空域") {
		t.Errorf("special need = %+v", sp)
	}
	ranked := Screen(p, drone(), AllZones(p))
	if ranked[0].ZoneID != "longyou" {
		t.Errorf("best zone for the drone plant = %s, want longyou", ranked[0].ZoneID)
	}
	jn := Check(p, drone(), "jingning")
	sp, _ = jn.Rule(RuleSiteSpecial)
	if jn.Verdict != Reject || sp.Outcome != Fail {
		t.Errorf("drone at 景宁 = %s, airspace %s", jn.Verdict, sp.Outcome)
	}
}

func TestSeedSimilarity(t *testing.T) {
	p := loadPack(t)
	tests := []struct {
		a, b     string
		min, max float64
	}{
		{"songyang", "jiaxing", 0.7, 1},
		{"jiaxing", "songyang", 0.7, 1},
		{"jingning", "huzhou", 0, 0.2},
		{"jingning", "jingning", 1, 1},
		{"jingning", "nowhere", 0, 0},
	}
	for _, tt := range tests {
		if s := Similarity(p, tt.a, tt.b); s < tt.min || s > tt.max {
			t.Errorf("Similarity(%s, %s) = %.2f, want in [%.2f, %.2f]", tt.a, tt.b, s, tt.min, tt.max)
		}
	}
}

func TestSeedAutoPartsUpstreamOfHuzhou(t *testing.T) {
	p := loadPack(t)
	found := false
	for _, l := range ChainLinks(p, "tiantai", "huzhou") {
		if l.Code == "3670" && l.Chain == "nev" && l.Role == rulepack.Upstream {
			found = true
		}
	}
	if !found {
		t.Errorf("ChainLinks(tiantai, huzhou) = %+v, want 3670 upstream of nev", ChainLinks(p, "tiantai", "huzhou"))
	}
	c := Candidate{Enterprise: &record.Enterprise{IndustryCode: "3670"}}
	pos, _ := Check(p, c, "huzhou").Rule(RulePositioning)
	if pos.Outcome != Pass || pos.Chain != "nev" || pos.Role != rulepack.Upstream || !strings.Contains(pos.Zh, "新能源汽车产业链上游") {
		t.Errorf("3670 at 湖州 positioning = %+v", pos)
	}
}

func TestSeedPollutersRefusedByMountainZones(t *testing.T) {
	p := loadPack(t)
	tests := []struct {
		name, code, process, mountain, advanced, want string
	}{
		{"印染", "1713", "印染", "jingning", "shangyu", "印染"},
		{"电镀 by code", "3360", "", "songyang", "jiaxing", "3360"},
		{"电镀 by process", "3484", "电镀", "songyang", "jiaxing", "电镀"},
		{"化学镀 counts as 电镀", "3484", "化学镀", "tiantai", "huzhou", "电镀"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pj := &record.Project{IndustryCode: tt.code, SolventTPY: f(0)}
			if tt.process != "" {
				pj.Processes = []string{tt.process}
			}
			c := Candidate{Enterprise: &record.Enterprise{IndustryCode: tt.code}, Project: pj}
			m := Check(p, c, tt.mountain)
			if m.Verdict != Reject {
				t.Fatalf("%s at %s = %s, want reject", tt.name, tt.mountain, m.Verdict)
			}
			ecoFail := false
			for _, r := range m.Rules {
				if strings.HasPrefix(r.Rule, "eco.") && r.Outcome == Fail && r.Hard && strings.Contains(r.Zh, tt.want) {
					ecoFail = true
				}
			}
			if !ecoFail {
				t.Errorf("no eco rule at %s fails naming %q: %+v", tt.mountain, tt.want, outcomes(m, "eco."))
			}
			a := Check(p, c, tt.advanced)
			for _, r := range a.Rules {
				if strings.HasPrefix(r.Rule, "eco.") && r.Outcome == Fail {
					t.Errorf("%s at advanced zone %s: eco rule %s fails: %s", tt.name, tt.advanced, r.Rule, r.Zh)
				}
			}
		})
	}
}
