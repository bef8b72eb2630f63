package screening

import (
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/rulepack"
)

type fired int

const (
	no fired = iota
	maybe
	yes
)

// eiaClassify finds the EIA class the catalogue requires. A class that
// depends on a missing figure (the 10-tonne solvent rule) is kept apart
// as eiaMaybe, so the zone check can report missing data.
func (f *facts) eiaClassify(p *rulepack.Pack) {
	f.eiaClass, f.eiaMaybe = rulepack.EIANone, rulepack.EIANone
	row, listed := p.EIARow(f.code)
	if !listed {
		return
	}
	f.eiaRow = row
	switch caseFires(row.Report, f.code, f.pj, &f.ps) {
	case yes:
		f.eiaClass = rulepack.EIAReport
		return
	case maybe:
		f.eiaMaybe = rulepack.EIAReport
	}
	switch caseFires(row.Form, f.code, f.pj, &f.ps) {
	case yes:
		f.eiaClass = rulepack.EIAReportForm
	case maybe:
		f.eiaMaybe = maxClass(f.eiaMaybe, rulepack.EIAReportForm)
	}
}

// eiaRule compares the class with the heaviest the zone admits.
func eiaRule(e *rulepack.EcoThreshold, f *facts) RuleResult {
	if !f.valid {
		return missingCode(RuleEIA)
	}
	rr := RuleResult{Rule: RuleEIA, Hard: true, Code: f.code, Limit: e.MaxEIA, Outcome: Pass, Class: f.eiaClass}
	if f.eiaRow == nil {
		rr.Key = "not_listed"
		return rr
	}
	rr.Value, rr.Subject = float64(f.eiaRow.No), f.eiaRow.Name
	switch {
	case f.eiaClass.Rank() > e.MaxEIA.Rank():
		rr.Outcome, rr.Key = Fail, "too_heavy"
	case f.eiaMaybe.Rank() > e.MaxEIA.Rank():
		rr.Outcome, rr.Key, rr.Field, rr.Class = Missing, "unknown", "solvent_tpy", f.eiaMaybe
	default:
		rr.Key = "within"
	}
	return rr
}

func maxClass(a, b rulepack.EIAClass) rulepack.EIAClass {
	if b.Rank() > a.Rank() {
		return b
	}
	return a
}

func caseFires(c rulepack.EIACase, code string, pj *record.Project, ps *procSet) fired {
	best := no
	for _, t := range c.Triggers {
		best = max(best, triggerFires(t, code, pj, ps))
		if best == yes {
			return yes
		}
	}
	return best
}

func triggerFires(t rulepack.Trigger, code string, pj *record.Project, ps *procSet) fired {
	if t.All {
		return yes
	}
	for _, c := range t.Codes {
		if rulepack.Within(code, c) {
			return yes
		}
	}
	for _, name := range t.Processes {
		if ps.has(name) {
			return yes
		}
	}
	if t.SolventTPYAtLeast > 0 {
		if pj.SolventTPY == nil {
			return maybe
		}
		if *pj.SolventTPY >= t.SolventTPYAtLeast {
			return yes
		}
	}
	return no
}
