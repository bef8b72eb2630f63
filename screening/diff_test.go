package screening

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/rulepack"
)

// newerPack is the shipped pack with 松阳's equipment standard raised, as
// a zone would publish a new year's table.
func newerPack(t *testing.T, p *rulepack.Pack) *rulepack.Pack {
	t.Helper()
	var buf bytes.Buffer
	if err := p.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	draft, err := rulepack.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	draft.Version = "2027.1.1"
	for i := range draft.Land.Tables {
		if tb := &draft.Land.Tables[i]; tb.Zone == "songyang" {
			tb.Rows[0].InvestPerMu = 320
		}
	}
	buf.Reset()
	if err := draft.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	doc := buf.String()
	q, err := rulepack.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestDiffAfterPackChange(t *testing.T) {
	p := loadPack(t)
	q := newerPack(t, p)
	c := Candidate{
		Enterprise: &record.Enterprise{IndustryCode: "3484"},
		Project: &record.Project{FixedAssetWan: f(15000), LandMu: f(50), TaxWan: f(1500), PlotRatio: f(1.5),
			PowerKVA: f(1000), WaterTPD: f(20), WastewaterTPD: f(5), EnergyTce: f(300), SolventTPY: f(0)},
	}
	old := Check(p, c, "songyang")
	if old.Verdict != Admit {
		t.Fatalf("old verdict %s: %+v", old.Verdict, old.Rules)
	}
	cur := Check(q, old.Input, old.ZoneID)
	changes := Diff(old, cur)
	want := map[string]bool{"verdict/verdict": false, RuleInvestment + "/outcome": false, RuleInvestment + "/threshold": false}
	for _, ch := range changes {
		k := ch.Rule + "/" + ch.What
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected change %+v", ch)
		}
		want[k] = true
		if ch.Zh == "" || ch.En == "" {
			t.Errorf("change without reason: %+v", ch)
		}
	}
	for k, seen := range want {
		if !seen {
			t.Errorf("change %s not reported in %+v", k, changes)
		}
	}
	if cur.PackVersion != "2027.1.1" || !strings.Contains(changes[0].Zh, "2027.1.1") {
		t.Errorf("verdict change does not name the packs: %q", changes[0].Zh)
	}
}

func TestDiffAddedAndRemovedRules(t *testing.T) {
	p := loadPack(t)
	c := Candidate{Enterprise: &record.Enterprise{IndustryCode: "3963"}, Project: &record.Project{SpecialNeeds: []string{"无人机试飞空域"}}}
	a := Check(p, c, "longyou")
	c2 := Candidate{Enterprise: c.Enterprise, Project: &record.Project{SpecialNeeds: []string{"洁净厂房"}}}
	b := Check(p, c2, "longyou")
	var added, removed bool
	for _, ch := range Diff(a, b) {
		added = added || ch.What == "added" && ch.Subject == "洁净厂房"
		removed = removed || ch.What == "removed" && ch.Subject == "无人机试飞空域"
	}
	if !added || !removed {
		t.Errorf("Diff = %+v", Diff(a, b))
	}
}

func FuzzCheck(f *testing.F) {
	p, err := rulepack.Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("2459", "注塑", "无人机试飞空域", 40.0, 15000.0)
	f.Add("C", "电镀线", "", 0.0, -1.0)
	f.Add("", "", "", 1e308, 1e-308)
	f.Fuzz(func(t *testing.T, code, process, need string, land, fixed float64) {
		c := Candidate{Enterprise: &record.Enterprise{IndustryCode: code},
			Project: &record.Project{LandMu: &land, FixedAssetWan: &fixed, Processes: []string{process}, SpecialNeeds: []string{need}}}
		for _, r := range Screen(p, c, AllZones(p)) {
			if r.Verdict != Admit && r.Verdict != Review && r.Verdict != Reject {
				t.Fatalf("verdict %q", r.Verdict)
			}
			for _, x := range r.Rules {
				if x.Zh == "" || x.En == "" {
					t.Fatalf("rule %s without reason", x.Rule)
				}
			}
		}
	})
}
