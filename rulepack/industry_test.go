package rulepack

import (
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/industry"
)

// TestCodesAgainstClassification checks every code the pack uses against
// the shipped GB/T 4754-2017 table, and every name it prints beside a
// code against the table's name. The table covers all 门类 and 大类 and the
// 中类/小类 of manufacturing and the sectors the rules use; a code it does
// not hold is reported only when its 大类 is fully transcribed.
func TestCodesAgainstClassification(t *testing.T) {
	p := shipped(t)
	tab, err := industry.Load()
	if err != nil {
		t.Skipf("industry table unavailable: %v", err)
	}
	check := func(where, code, name string) {
		c, ok := tab.Lookup(code)
		if !ok {
			if len(tab.Children(code[:min(2, len(code))])) > 0 || len(code) <= 2 {
				t.Errorf("%s: code %s not in GB/T 4754-2017", where, code)
			}
			return
		}
		if name != "" && c.Name != name && strings.Contains(c.Note, "待核对") {
			t.Logf("%s: %s is named %q here, %q (unverified) in the classification", where, code, name, c.Name)
		} else if name != "" && c.Name != name {
			t.Errorf("%s: %s is named %q here but %q in the classification", where, code, name, c.Name)
		}
	}
	for _, ch := range p.Chains {
		for _, s := range ch.Segments {
			for _, c := range s.Codes {
				check("chain "+ch.ID, c.Code, c.Name)
			}
		}
	}
	for _, z := range p.ZoneList {
		for _, l := range z.Leading {
			for _, c := range l.Codes {
				check("zone "+z.ID, c, "")
			}
		}
	}
	for name, l := range map[string]SectorList{"two_high": p.Eco.TwoHigh, "high_energy": p.Eco.HighEnergy,
		"voc": p.Eco.VOC, "third_class": p.Eco.ThirdClass} {
		for _, c := range l.Items {
			check(name, c.Code, c.Name)
		}
	}
	for _, e := range p.Eco.Zones {
		for _, c := range e.NegativeCodes {
			check("negative list "+e.Zone, c.Code, c.Name)
		}
	}
	for _, r := range p.Eco.EIA.Rows {
		for _, c := range r.Codes {
			check("EIA row", c, "")
		}
	}
}
