package screening

import (
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/rulepack"
)

// m2PerMu: 1 亩 = 10000/15 m².
const m2PerMu = 10000.0 / 15

// checkLand compares the project's land efficiency with the zone's table
// for its industry, falling back to the national floors. Failures are soft:
// land can be resized.
func checkLand(p *rulepack.Pack, pr *rulepack.Profile, f *facts, out []RuleResult) []RuleResult {
	code, pj := f.code, f.pj
	var row *rulepack.LandCaps
	year := 0
	if pr.Land != nil && f.valid {
		if r, ok := pr.Land.Row(code); ok {
			row, year = r, pr.Land.Year
		}
	}
	inv := ratioRule(RuleInvestment, "fixed_asset_wan", pj.FixedAssetWan, pj.LandMu)
	tax := ratioRule(RuleTaxPerMu, "tax_wan", pj.TaxWan, pj.LandMu)
	if row != nil {
		judgeMin(&inv, row.InvestPerMu, year, row.Name)
		judgeMin(&tax, row.TaxPerMu, year, row.Name)
	} else {
		judgeMin(&inv, 0, 0, "")
		judgeMin(&tax, 0, 0, "")
	}
	plot := plotRule(p, code, pj, row, year)
	ev := p.Land.National.Evidence
	if row != nil {
		ev = pr.Land.Evidence
	}
	inv.Evidence, tax.Evidence, plot.Evidence = ev, ev, ev
	if plot.Year == 0 {
		plot.Evidence = p.Land.National.Evidence
	}
	out = append(out, inv, tax, plot)
	if pr.Land == nil {
		n := &p.Land.National
		out = append(out, RuleResult{Rule: RuleNationalFloors, Outcome: Warn, Key: "national_only",
			Threshold: n.BuildingCoverageMin, Upper: n.AdminLandMax, Evidence: n.Evidence})
	}
	return out
}

// ratioRule computes a per-亩 figure, or reports which input is missing.
func ratioRule(rule, field string, num, landMu *float64) RuleResult {
	rr := RuleResult{Rule: rule, Field: field}
	switch {
	case num == nil:
		rr.Outcome, rr.Key = Missing, "missing"
	case landMu == nil || *landMu <= 0:
		rr.Outcome, rr.Key, rr.Field = Missing, "missing_land", "land_mu"
	default:
		rr.Value = *num / *landMu
	}
	return rr
}

// judgeMin sets the outcome of a computed figure against a floor; a zero
// floor means no standard applies, which needs review.
func judgeMin(rr *RuleResult, floor float64, year int, subject string) {
	if rr.Outcome == Missing {
		rr.Threshold, rr.Year, rr.Subject = floor, year, subject
		return
	}
	rr.Threshold, rr.Year, rr.Subject = floor, year, subject
	switch {
	case floor <= 0:
		rr.Outcome, rr.Key = Warn, "no_standard"
	case rr.Value < floor:
		rr.Outcome, rr.Key = Fail, "below"
	default:
		rr.Outcome, rr.Key = Pass, "meets"
	}
}

// plotRule checks 容积率 against the zone's range, else the national floor.
func plotRule(p *rulepack.Pack, code string, pj *record.Project, row *rulepack.LandCaps, year int) RuleResult {
	rr := RuleResult{Rule: RulePlotRatio, Field: "plot_ratio", Year: year}
	switch {
	case pj.PlotRatio != nil:
		rr.Value = *pj.PlotRatio
	case pj.BuildingAreaM2 != nil && pj.LandMu != nil && *pj.LandMu > 0:
		rr.Value, rr.Field = *pj.BuildingAreaM2/(*pj.LandMu*m2PerMu), "building_area_m2"
	default:
		rr.Outcome, rr.Key = Missing, "missing"
	}
	if row != nil && (row.PlotRatioMin > 0 || row.PlotRatioMax > 0) {
		rr.Threshold, rr.Upper, rr.Subject = row.PlotRatioMin, row.PlotRatioMax, row.Name
	} else if f, ok := p.Land.National.PlotFloor(code); ok {
		rr.Threshold, rr.Subject, rr.Year = f.Min, f.Name, 0
	}
	if rr.Outcome == Missing {
		return rr
	}
	switch {
	case rr.Threshold == 0 && rr.Upper == 0:
		rr.Outcome, rr.Key = Warn, "no_standard"
	case rr.Value < rr.Threshold:
		rr.Outcome, rr.Key = Fail, "below"
	case rr.Upper > 0 && rr.Value > rr.Upper:
		rr.Outcome, rr.Key = Fail, "above"
	default:
		rr.Outcome, rr.Key = Pass, "meets"
	}
	return rr
}
