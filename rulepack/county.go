package rulepack

// County is one member of the dated mountain-county list (山区26县). The
// province adjusts the list (May 2025: 永嘉, 苍南 and 江山 left), so each
// membership has a validity window instead of the list being a constant.
type County struct {
	Sourced
	ADCODE string `json:"adcode"` // GB/T 2260, six digits
	Name   string `json:"name"`
	City   string `json:"city"`
	// ValidFrom and ValidTo bound the membership (YYYY-MM-DD); empty
	// ValidFrom means "since the list began", empty ValidTo "still listed".
	ValidFrom string `json:"valid_from,omitempty"`
	ValidTo   string `json:"valid_to,omitempty"`
}

// ListedOn reports whether the county is on the list on date (YYYY-MM-DD).
// ValidTo is the first day it is no longer listed.
func (c County) ListedOn(date string) bool {
	if c.ValidFrom != "" && date < c.ValidFrom {
		return false
	}
	return c.ValidTo == "" || date < c.ValidTo
}

// MountainCounties returns the counties listed on date (YYYY-MM-DD).
func (p *Pack) MountainCounties(date string) []County {
	var out []County
	for _, c := range p.Counties {
		if c.ListedOn(date) {
			out = append(out, c)
		}
	}
	return out
}

// IsMountainCounty reports whether adcode is a listed mountain county on date.
func (p *Pack) IsMountainCounty(adcode, date string) bool {
	for _, c := range p.Counties {
		if c.ADCODE == adcode && c.ListedOn(date) {
			return true
		}
	}
	return false
}
