package screening

import (
	"cmp"
	"slices"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/rulepack"
)

// rulesPerCheck is the usual number of rule results, so one allocation
// holds them all.
const rulesPerCheck = 24

// RuleZone is the rule reported when the zone is not in the pack.
const RuleZone = "zone"

// Check screens a candidate against one zone, with reasons.
func Check(p *rulepack.Pack, c Candidate, zoneID string) Result {
	var f facts
	gather(p, c, &f)
	r := assess(p, c, &f, zoneID, make([]RuleResult, 0, rulesPerCheck))
	r.Explain()
	return r
}

// Screen screens a candidate against several zones and returns the
// results best fit first (verdict, then fit score; pack order on ties),
// with reasons.
func Screen(p *rulepack.Pack, c Candidate, zoneIDs []string) []Result {
	out := Rank(p, c, zoneIDs, nil)
	for i := range out {
		out[i].Explain()
	}
	return out
}

// Rank is Screen without the reasons, for bulk use: it reuses dst and the
// rule slices inside it, so screening many candidates allocates nothing
// once dst has grown. Call Explain on the results a user will read.
func Rank(p *rulepack.Pack, c Candidate, zoneIDs []string, dst []Result) []Result {
	dst = slices.Grow(dst[:0], len(zoneIDs))[:len(zoneIDs)]
	var f facts
	gather(p, c, &f)
	for i, id := range zoneIDs {
		buf := dst[i].Rules
		if buf == nil {
			buf = make([]RuleResult, 0, rulesPerCheck)
		}
		dst[i] = assess(p, c, &f, id, buf[:0])
	}
	slices.SortStableFunc(dst, func(a, b Result) int { return cmp.Compare(b.Score, a.Score) })
	return dst
}

// OwnAndPaired returns the enterprise's own zone followed by the zones
// paired with it; empty if the enterprise names no zone the pack knows.
func OwnAndPaired(p *rulepack.Pack, e *record.Enterprise) []string {
	if e == nil {
		return nil
	}
	if _, ok := p.Zone(e.ZoneID); !ok {
		return nil
	}
	ids := []string{e.ZoneID}
	for _, z := range p.Paired(e.ZoneID) {
		if !slices.Contains(ids, z.ID) {
			ids = append(ids, z.ID)
		}
	}
	return ids
}

// AllZones returns every zone id in the pack.
func AllZones(p *rulepack.Pack) []string { return p.ZoneIDs() }

func assess(p *rulepack.Pack, c Candidate, f *facts, zoneID string, rules []RuleResult) Result {
	if p == nil {
		p = &rulepack.Pack{} // no pack: every zone is unknown
	}
	r := Result{PackVersion: p.Version, PackDate: p.Date, ZoneID: zoneID, Input: c}
	pr := p.Profile(zoneID)
	if pr == nil {
		r.Rules = append(rules, RuleResult{Rule: RuleZone, Outcome: Missing, Key: "unknown_zone", Subject: zoneID})
		r.Verdict, r.Score = decide(r.Rules, 0)
		return r
	}
	r.ZoneName = pr.Zone.ShortName
	pos, fit := checkPositioning(pr, f)
	rules = append(rules, pos)
	rules = checkEco(p, pr, f, rules)
	rules = checkLand(p, pr, f, rules)
	rules = checkSite(pr, f.pj, rules)
	r.Rules = rules
	r.Verdict, r.Score = decide(rules, fit)
	return r
}
