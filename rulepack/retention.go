package rulepack

import "fmt"

// Retention is how long the personal information of a closed lead's
// contacts is kept (PIPL art. 19: the shortest period necessary for the
// purpose; art. 47: delete when it has expired). No statute gives a
// number, so every figure in the shipped pack is "example" data that the
// zone replaces with its own.
type Retention struct {
	Sourced
	// Months counts from the day the enterprise was closed (放弃/转介).
	Months int `json:"retention_months"`
}

// Bounds of a retention period: at least a month, at most ten years.
const (
	minRetentionMonths = 1
	maxRetentionMonths = 120
)

// RetentionFor returns the period of a zone: its own, else the pack-wide
// default; ok is false when the pack sets neither (packs published
// before retention periods existed).
func (p *Pack) RetentionFor(zoneID string) (r Retention, ok bool) {
	if p == nil {
		return Retention{}, false
	}
	if pr := p.Profile(zoneID); pr != nil && pr.Zone.Retention != nil {
		return *pr.Zone.Retention, true
	}
	if p.Retention != nil {
		return *p.Retention, true
	}
	return Retention{}, false
}

// checkRetention validates one period; absent periods are allowed.
func (c *checker) retention(field string, r *Retention) {
	if r == nil {
		return
	}
	c.sourced(field, r.Sourced)
	if r.Months < minRetentionMonths || r.Months > maxRetentionMonths {
		c.add(field+".retention_months", "%d is not a period of %d to %d months", r.Months, minRetentionMonths, maxRetentionMonths)
	}
}

// checkRetentions validates the pack-wide default and every zone's period.
func (p *Pack) checkRetentions(c *checker) {
	c.retention("retention", p.Retention)
	for i := range p.ZoneList {
		c.retention(fmt.Sprintf("zones[%d].retention", i), p.ZoneList[i].Retention)
	}
}
