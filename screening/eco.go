package screening

import (
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/rulepack"
)

// procSet holds the candidate's processes mapped to known polluting ones;
// a fixed array keeps the check free of allocation.
type procSet struct {
	n     int
	procs [8]*rulepack.Process
	typed [8]string
}

func matchProcesses(p *rulepack.Pack, pj *record.Project) procSet {
	var ps procSet
	for _, s := range pj.Processes {
		if pr, ok := p.MatchProcess(s); ok && ps.n < len(ps.procs) {
			ps.procs[ps.n], ps.typed[ps.n] = pr, s
			ps.n++
		}
	}
	return ps
}

func (ps *procSet) has(name string) bool {
	for i := 0; i < ps.n; i++ {
		if ps.procs[i].Name == name {
			return true
		}
	}
	return false
}

// checkEco runs the ecological rules; all are hard.
func checkEco(p *rulepack.Pack, pr *rulepack.Profile, f *facts, out []RuleResult) []RuleResult {
	e := pr.Eco
	if e == nil {
		return append(out, RuleResult{Rule: RuleNegativeCode, Outcome: Missing, Hard: true, Key: "no_thresholds"})
	}
	pj := f.pj
	n := len(out)
	out = append(out, negativeCode(pr, f), negativeProcess(pr, f),
		policyRule(RuleTwoHigh, f, f.twoHigh, e.TwoHigh),
		policyRule(RuleHighEnergy, f, f.highEnergy, e.HighEnergy),
		vocRule(e, f), eiaRule(e, f), thirdClass(e, f))
	energy := capRule(RuleEnergy, "energy_tce", pj.EnergyTce, e.EnergyTceMax)
	if energy.Outcome == Pass && pj.EnergyTce != nil && p.Eco.EnergyReviewTce > 0 && *pj.EnergyTce >= p.Eco.EnergyReviewTce {
		energy.Outcome, energy.Key, energy.Upper = Warn, "provincial_review", p.Eco.EnergyReviewTce
	}
	out = append(out, energy,
		capRule(RuleWater, "water_tpd", pj.WaterTPD, e.WaterTPDMax),
		capRule(RuleWastewater, "wastewater_tpd", pj.WastewaterTPD, e.WastewaterTPDMax),
		capRule(RuleSolvent, "solvent_tpy", pj.SolventTPY, e.SolventTPYMax))
	markEvidence(out[n:], e.Evidence)
	return out
}

// markEvidence grades rules by the reference data they used.
func markEvidence(rules []RuleResult, e rulepack.Evidence) {
	for i := range rules {
		rules[i].Evidence = e
	}
}

func missingCode(rule string) RuleResult {
	return RuleResult{Rule: rule, Outcome: Missing, Hard: true, Key: "no_code", Field: "industry_code"}
}

func negativeCode(pr *rulepack.Profile, f *facts) RuleResult {
	if !f.valid {
		return missingCode(RuleNegativeCode)
	}
	rr := RuleResult{Rule: RuleNegativeCode, Hard: true, Code: f.code, Outcome: Pass, Key: "none"}
	if hit, bad := pr.NegativeCode(f.code); bad {
		rr.Outcome, rr.Key, rr.Match, rr.Subject = Fail, "hit", hit.Code, hit.Name
	}
	return rr
}

func negativeProcess(pr *rulepack.Profile, f *facts) RuleResult {
	rr := RuleResult{Rule: RuleNegativeProcess, Hard: true, Field: "processes", Outcome: Pass, Key: "none"}
	if len(f.pj.Processes) == 0 {
		rr.Key = "none_declared"
		return rr
	}
	for i := 0; i < f.ps.n; i++ {
		if pr.BansProcess(f.ps.procs[i].Name) {
			rr.Outcome, rr.Key, rr.Subject, rr.Match = Fail, "hit", f.ps.procs[i].Name, f.ps.typed[i]
			return rr
		}
	}
	return rr
}

// policyRule applies a zone's policy (allow / review / reject) to a
// national sector list such as 两高.
func policyRule(rule string, f *facts, hit sectorHit, pol rulepack.Policy) RuleResult {
	if !f.valid {
		return missingCode(rule)
	}
	rr := RuleResult{Rule: rule, Hard: true, Code: f.code, Outcome: Pass, Key: "none"}
	if !hit.found {
		return rr
	}
	rr.Match, rr.Subject = hit.item.Code, hit.item.Name
	switch pol {
	case rulepack.PolicyReject:
		rr.Outcome, rr.Key = Fail, "rejected"
	case rulepack.PolicyReview:
		rr.Outcome, rr.Key = Warn, "review"
	default:
		rr.Key = "allowed"
	}
	return rr
}

// vocRule: in a VOC key sector the solvent figure decides; without it the
// rule cannot pass.
func vocRule(e *rulepack.EcoThreshold, f *facts) RuleResult {
	if !f.valid {
		return missingCode(RuleVOC)
	}
	rr := RuleResult{Rule: RuleVOC, Hard: true, Code: f.code, Outcome: Pass, Key: "none", Field: "solvent_tpy"}
	if !f.voc.found {
		return rr
	}
	rr.Match, rr.Subject = f.voc.item.Code, f.voc.item.Name
	solvent := f.pj.SolventTPY
	switch {
	case solvent == nil:
		rr.Outcome, rr.Key = Missing, "no_solvent_figure"
	case *solvent <= 0:
		rr.Key = "no_solvent"
	case e.VOC == rulepack.PolicyReject:
		rr.Outcome, rr.Key, rr.Value = Fail, "rejected", *solvent
	case e.VOC == rulepack.PolicyReview:
		rr.Outcome, rr.Key, rr.Value = Warn, "review", *solvent
	default:
		rr.Key, rr.Value = "allowed", *solvent
	}
	return rr
}

func thirdClass(e *rulepack.EcoThreshold, f *facts) RuleResult {
	rr := RuleResult{Rule: RuleThirdClass, Hard: true, Code: f.code, Outcome: Pass, Key: "none"}
	if f.third.found {
		rr.Match, rr.Subject = f.third.item.Code, f.third.item.Name
	}
	for i := 0; i < f.ps.n && rr.Subject == ""; i++ {
		if f.ps.procs[i].ThirdClass {
			rr.Subject, rr.Field = f.ps.procs[i].Name, "processes"
		}
	}
	switch {
	case rr.Subject == "" && !f.valid:
		return missingCode(RuleThirdClass)
	case rr.Subject == "":
		return rr
	case e.ThirdClassAllowed:
		rr.Key = "cluster_only"
	default:
		rr.Outcome, rr.Key = Fail, "rejected"
	}
	return rr
}

// capRule compares a figure with a zone cap; nil cap means none is set.
func capRule(rule, field string, v, limit *float64) RuleResult {
	rr := RuleResult{Rule: rule, Hard: true, Field: field}
	switch {
	case limit == nil:
		rr.Outcome, rr.Key = Pass, "no_cap"
		if v != nil {
			rr.Value = *v
		}
	case v == nil:
		rr.Outcome, rr.Key, rr.Threshold = Missing, "missing", *limit
	case *v > *limit:
		rr.Outcome, rr.Key, rr.Value, rr.Threshold = Fail, "over", *v, *limit
	default:
		rr.Outcome, rr.Key, rr.Value, rr.Threshold = Pass, "within", *v, *limit
	}
	return rr
}
