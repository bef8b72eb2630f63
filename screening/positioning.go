package screening

import "github.com/shanhaifield/shanhai/rulepack"

// Positioning fit scores, used to rank zones of equal verdict.
const (
	fitLeading = 50
	fitChain   = 40 // minus a little for fill and extend
	fitCoarse  = 10
)

// checkPositioning: same leading industry; else a segment of one of the
// zone's chains (延链/补链/强链); else no fit, which rejects — a zone admits
// only projects in its positioning.
func checkPositioning(pr *rulepack.Profile, f *facts) (RuleResult, float64) {
	code := f.code
	rr := RuleResult{Rule: RulePositioning, Hard: true, Code: code, Field: "industry_code"}
	switch {
	case code == "":
		rr.Outcome, rr.Key = Missing, "no_code"
		return rr, 0
	case !f.valid:
		rr.Outcome, rr.Key = Missing, "bad_code"
		return rr, 0
	}
	lead, leadOK := leadingMatch(pr, code)
	hit, role, chainOK := chainMatch(pr, f)
	if chainOK {
		rr.Chain, rr.ChainName, rr.Role = hit.Chain.ID, hit.Chain.Name, hit.Role
		rr.Tag = tagFor(role, hit.Role)
	}
	switch {
	case leadOK:
		rr.Outcome, rr.Key = Pass, "leading"
		rr.Match, rr.Subject, rr.Tag, rr.Evidence = lead.Code, lead.Wording, Strengthen, lead.Evidence
		return rr, fitLeading + float64(len(lead.Code))
	case chainOK:
		rr.Outcome, rr.Key = Pass, "chain"
		rr.Match, rr.Subject, rr.Evidence = hit.Item.Code, hit.Item.Name, hit.Chain.Evidence
		score := float64(fitChain)
		if rr.Tag != Strengthen {
			score -= 5
		}
		return rr, score
	}
	if coarse, ok := coarseMatch(pr, code); ok {
		rr.Outcome, rr.Key, rr.Match, rr.Subject, rr.Evidence = Warn, "coarse", coarse.Code, coarse.Wording, coarse.Evidence
		return rr, fitCoarse
	}
	rr.Outcome, rr.Key, rr.Subject = Fail, "no_fit", pr.LeadingText
	for _, l := range pr.Leading {
		rr.Evidence = rulepack.Weakest(rr.Evidence, l.Evidence)
	}
	return rr, 0
}

// leadingMatch returns the most specific leading code containing code.
func leadingMatch(pr *rulepack.Profile, code string) (rulepack.LeadingCode, bool) {
	var best rulepack.LeadingCode
	found := false
	for _, l := range pr.Leading {
		if rulepack.Within(code, l.Code) && (!found || len(l.Code) > len(best.Code)) {
			best, found = l, true
		}
	}
	return best, found
}

// coarseMatch finds a leading code inside a candidate code given too
// coarsely ("24" for a zone that leads "245").
func coarseMatch(pr *rulepack.Profile, code string) (rulepack.LeadingCode, bool) {
	for _, l := range pr.Leading {
		if rulepack.Within(l.Code, code) {
			return l, true
		}
	}
	return rulepack.LeadingCode{}, false
}

// chainMatch finds the most specific segment listing the code in a chain
// the zone takes part in, with the zone's role in that chain.
func chainMatch(pr *rulepack.Profile, f *facts) (rulepack.SegmentHit, *rulepack.ChainRole, bool) {
	for i := 0; i < f.nhits; i++ {
		if role := zoneRole(pr.Zone, f.hits[i].Chain.ID); role != nil {
			return f.hits[i], role, true
		}
	}
	return rulepack.SegmentHit{}, nil, false
}

func zoneRole(z *rulepack.Zone, chain string) *rulepack.ChainRole {
	for i := range z.Chains {
		if z.Chains[i].Chain == chain {
			return &z.Chains[i]
		}
	}
	return nil
}

// tagFor: a segment the zone has strengthens; one between its segments
// fills a gap; one beyond them extends the chain.
func tagFor(zone *rulepack.ChainRole, seg rulepack.Role) Tag {
	lo, hi, r := 3, -1, seg.Rank()
	for _, s := range zone.Segments {
		if s.Rank() == r {
			return Strengthen
		}
		lo, hi = min(lo, s.Rank()), max(hi, s.Rank())
	}
	if r > lo && r < hi {
		return Fill
	}
	return Extend
}
