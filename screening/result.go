package screening

import (
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/rulepack"
)

// Candidate is what gets screened: an enterprise and one of its projects.
// Either may be nil; the checks then report the figures as missing.
type Candidate struct {
	Enterprise *record.Enterprise `json:"enterprise,omitempty"`
	Project    *record.Project    `json:"project,omitempty"`
}

// IndustryCode is the project's code, else the enterprise's.
func (c Candidate) IndustryCode() string {
	if c.Project != nil && c.Project.IndustryCode != "" {
		return c.Project.IndustryCode
	}
	if c.Enterprise != nil {
		return c.Enterprise.IndustryCode
	}
	return ""
}

// Verdict is the overall answer for one zone.
type Verdict string

// Verdicts.
const (
	Admit  Verdict = "admit"  // 准入
	Review Verdict = "review" // 需研判
	Reject Verdict = "reject" // 不准入
)

// Chinese returns the verdict as staff say it.
func (v Verdict) Chinese() string {
	switch v {
	case Admit:
		return "准入"
	case Review:
		return "需研判"
	case Reject:
		return "不准入"
	}
	return string(v)
}

func (v Verdict) rank() int {
	switch v {
	case Admit:
		return 2
	case Review:
		return 1
	}
	return 0
}

// Outcome is one rule's result.
type Outcome string

// Outcomes.
const (
	Pass    Outcome = "pass"
	Warn    Outcome = "warn"
	Fail    Outcome = "fail"
	Missing Outcome = "missing" // not enough data
)

// Chinese returns the outcome as shown in the verdict table.
func (o Outcome) Chinese() string {
	switch o {
	case Pass:
		return "通过"
	case Warn:
		return "提示"
	case Fail:
		return "不通过"
	case Missing:
		return "数据不足"
	}
	return string(o)
}

// Tag says what a candidate does to a zone's chain.
type Tag string

// Chain tags.
const (
	Extend     Tag = "extend"     // 延链: beyond the segments the zone has
	Fill       Tag = "fill"       // 补链: a gap between the zone's segments
	Strengthen Tag = "strengthen" // 强链: a segment the zone already has
)

// Chinese returns the tag as staff write it.
func (t Tag) Chinese() string {
	switch t {
	case Extend:
		return "延链"
	case Fill:
		return "补链"
	case Strengthen:
		return "强链"
	}
	return ""
}

// RuleResult is one rule's outcome with the figures it used. Key names the
// sentence that explains it; Zh and En hold that sentence, filled by
// Explain (Check and Screen call it).
type RuleResult struct {
	Rule    string  `json:"rule"`
	Outcome Outcome `json:"outcome"`
	// Hard rules reject on failure; soft ones ask for review.
	Hard bool   `json:"hard,omitempty"`
	Key  string `json:"key"`
	// Field is the input the rule read (the record's JSON name).
	Field     string  `json:"field,omitempty"`
	Value     float64 `json:"value,omitempty"`
	Threshold float64 `json:"threshold,omitempty"`
	Upper     float64 `json:"upper,omitempty"` // the top of a range
	Year      int     `json:"year,omitempty"`  // of the standard applied
	// Code is the candidate's industry code, Match the code it hit.
	Code  string `json:"code,omitempty"`
	Match string `json:"match,omitempty"`
	// Subject names what was matched: a leading industry's wording, a
	// process, a sector or the standard's industry.
	Subject   string        `json:"subject,omitempty"`
	Chain     string        `json:"chain,omitempty"`
	ChainName string        `json:"chain_name,omitempty"`
	Role      rulepack.Role `json:"role,omitempty"`
	Tag       Tag           `json:"tag,omitempty"`
	// Class is the EIA class a project needs, Limit the heaviest the zone
	// admits.
	Class rulepack.EIAClass `json:"class,omitempty"`
	Limit rulepack.EIAClass `json:"limit,omitempty"`
	// Evidence grades the weakest reference datum the rule used; for
	// "example" the reason says the figure awaits the zone's confirmation.
	Evidence rulepack.Evidence `json:"evidence,omitempty"`
	Zh       string            `json:"zh"`
	En       string            `json:"en"`
}

// Result is the screening of one candidate against one zone.
type Result struct {
	PackVersion string  `json:"pack_version"`
	PackDate    string  `json:"pack_date"`
	ZoneID      string  `json:"zone_id"`
	ZoneName    string  `json:"zone_name"`
	Verdict     Verdict `json:"verdict"`
	// Score ranks results of one verdict: higher fits better.
	Score float64      `json:"score"`
	Rules []RuleResult `json:"rules"`
	// Input is the candidate as checked, so the run can be repeated. It
	// shares the caller's records: copy them before changing them if the
	// result must keep the old figures.
	Input Candidate `json:"input"`
}

// Rule returns the first result of the named rule.
func (r Result) Rule(id string) (RuleResult, bool) {
	for _, x := range r.Rules {
		if x.Rule == id {
			return x, true
		}
	}
	return RuleResult{}, false
}

// Rule ids.
const (
	RulePositioning     = "positioning"
	RuleNegativeCode    = "eco.negative_code"
	RuleNegativeProcess = "eco.negative_process"
	RuleTwoHigh         = "eco.two_high"
	RuleHighEnergy      = "eco.high_energy"
	RuleVOC             = "eco.voc"
	RuleEIA             = "eco.eia"
	RuleThirdClass      = "eco.third_class"
	RuleEnergy          = "eco.energy"
	RuleWater           = "eco.water"
	RuleWastewater      = "eco.wastewater"
	RuleSolvent         = "eco.solvent"
	RuleInvestment      = "land.investment_intensity"
	RuleTaxPerMu        = "land.tax_per_mu"
	RulePlotRatio       = "land.plot_ratio"
	RuleNationalFloors  = "land.national_floors"
	RuleSiteLand        = "site.land"
	RuleSitePower       = "site.power"
	RuleSiteWater       = "site.water"
	RuleSiteSpecial     = "site.special"
)
