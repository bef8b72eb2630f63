package screening

import (
	"strings"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/rulepack"
)

// checkSite asks whether the zone's carriers can take the project: land,
// power, water (against the largest carrier) and each special need.
// Gaps are soft: carriers can be found or built.
func checkSite(pr *rulepack.Profile, pj *record.Project, out []RuleResult) []RuleResult {
	if len(pr.Zone.Carriers) == 0 {
		return append(out, RuleResult{Rule: RuleSiteLand, Outcome: Missing, Key: "no_carriers"})
	}
	n := len(out)
	out = append(out,
		needRule(RuleSiteLand, "land_mu", pj.LandMu, pr.MaxAreaMu),
		needRule(RuleSitePower, "power_kva", pj.PowerKVA, pr.MaxPowerKVA),
		needRule(RuleSiteWater, "water_tpd", pj.WaterTPD, pr.MaxWaterTPD))
	if len(pj.SpecialNeeds) == 0 {
		out = append(out, RuleResult{Rule: RuleSiteSpecial, Outcome: Pass, Key: "none", Field: "special_needs"})
	}
	for _, need := range pj.SpecialNeeds {
		rr := RuleResult{Rule: RuleSiteSpecial, Field: "special_needs", Subject: need, Outcome: Fail, Key: "unmet"}
		if f, ok := offers(pr, need); ok {
			rr.Outcome, rr.Key, rr.Match = Pass, "met", f
		}
		out = append(out, rr)
	}
	markEvidence(out[n:], pr.CarrierEvidence)
	return out
}

func needRule(rule, field string, need *float64, have float64) RuleResult {
	rr := RuleResult{Rule: rule, Field: field, Threshold: have}
	switch {
	case need == nil:
		rr.Outcome, rr.Key = Missing, "missing"
	case *need > have:
		rr.Outcome, rr.Key, rr.Value = Fail, "gap", *need
	default:
		rr.Outcome, rr.Key, rr.Value = Pass, "met", *need
	}
	return rr
}

// offers matches a need with a carrier feature either way round, so
// "试飞空域" finds "无人机试飞空域".
func offers(pr *rulepack.Profile, need string) (string, bool) {
	need = strings.TrimSpace(need)
	if need == "" {
		return "", true
	}
	for _, f := range pr.Features {
		if strings.Contains(f, need) || strings.Contains(need, f) {
			return f, true
		}
	}
	return "", false
}
