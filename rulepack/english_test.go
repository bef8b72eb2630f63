package rulepack

import (
	"strings"
	"testing"
	"unicode"
)

// TestShippedPackEnglish fails when a zone, leading industry, chain or
// carrier of the shipped pack lacks an English name, or the English
// holds Chinese characters.
func TestShippedPackEnglish(t *testing.T) {
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	check := func(what, en string) {
		t.Helper()
		if strings.TrimSpace(en) == "" {
			t.Errorf("%s has no English name", what)
		}
		for _, r := range en {
			if unicode.Is(unicode.Han, r) {
				t.Errorf("%s: English name %q holds Chinese", what, en)
				break
			}
		}
	}
	for _, z := range p.Zones() {
		check("zone "+z.ID, z.NameEn)
		check("zone "+z.ID+" short name", z.ShortNameEn)
		if z.NameEnSource == "" {
			t.Errorf("zone %s: name_en_source does not say whether the English name is official or a translation", z.ID)
		}
		for _, l := range z.Leading {
			check("zone "+z.ID+" leading "+l.Wording, l.WordingEn)
		}
		for _, c := range z.Carriers {
			check("zone "+z.ID+" carrier "+c.ID, c.NameEn)
			if len(c.RestrictionsEn) != len(c.Restrictions) || len(c.FeaturesEn) != len(c.Features) {
				t.Errorf("zone %s carrier %s: restrictions or features not all translated", z.ID, c.ID)
			}
			for _, s := range append(append([]string{}, c.RestrictionsEn...), c.FeaturesEn...) {
				check("zone "+z.ID+" carrier "+c.ID+" condition", s)
			}
		}
	}
	for _, c := range p.Chains {
		check("chain "+c.ID, c.NameEn)
	}
	for _, tb := range p.Land.Tables {
		for _, r := range tb.Rows {
			check("land row "+tb.Zone+" "+r.Name, r.NameEn)
		}
	}
}

func TestNameIn(t *testing.T) {
	z := Zone{Name: "浙江景宁经济开发区", ShortName: "景宁经开区", NameEn: "Zhejiang Jingning Economic Development Zone"}
	tests := []struct {
		english    bool
		name, shrt string
	}{
		{false, "浙江景宁经济开发区", "景宁经开区"},
		{true, "Zhejiang Jingning Economic Development Zone", "景宁经开区"}, // no English short name: the Chinese
	}
	for _, tt := range tests {
		if got := z.NameIn(tt.english); got != tt.name {
			t.Errorf("NameIn(%v) = %q, want %q", tt.english, got, tt.name)
		}
		if got := z.ShortNameIn(tt.english); got != tt.shrt {
			t.Errorf("ShortNameIn(%v) = %q, want %q", tt.english, got, tt.shrt)
		}
	}
}
