package rulepack

// Pack is one version of the reference data. Build it with Load, Parse or
// LoadFile: they validate it and build the indexes; a Pack is read-only
// afterwards and safe for concurrent use.
type Pack struct {
	Version string `json:"version"`
	Date    string `json:"date"` // YYYY-MM-DD
	Title   string `json:"title,omitempty"`
	Note    string `json:"note,omitempty"`

	Counties []County  `json:"mountain_counties"`
	ZoneList []Zone    `json:"zones"`
	Pairings []Pairing `json:"pairings"`
	Chains   []Chain   `json:"chains"`
	Eco      Eco       `json:"eco"`
	Land     Land      `json:"land"`
	// Retention is the pack-wide retention period of contacts of closed
	// enterprises, for zones that set none (retention.go).
	Retention *Retention `json:"retention,omitempty"`

	idx *index
}

// Zone returns the zone with the given id.
func (p *Pack) Zone(id string) (Zone, bool) {
	if pr := p.Profile(id); pr != nil {
		return *pr.Zone, true
	}
	return Zone{}, false
}

// Zones returns every zone in pack order.
func (p *Pack) Zones() []Zone {
	if p == nil {
		return nil
	}
	return append([]Zone(nil), p.ZoneList...)
}

// ZoneIDs returns every zone id in pack order.
func (p *Pack) ZoneIDs() []string {
	if p == nil {
		return nil
	}
	out := make([]string, len(p.ZoneList))
	for i, z := range p.ZoneList {
		out[i] = z.ID
	}
	return out
}

// Paired returns the zones paired with zoneID, in pack order of the
// pairings. Pairings not in force on the pack date (not yet begun, or
// ended on or before it) are left out.
func (p *Pack) Paired(zoneID string) []Zone {
	if p == nil {
		return nil
	}
	var out []Zone
	for _, pr := range p.Pairings {
		if (pr.ValidTo != "" && pr.ValidTo <= p.Date) || pr.ValidFrom > p.Date {
			continue
		}
		other := ""
		switch zoneID {
		case pr.Advanced:
			other = pr.Mountain
		case pr.Mountain:
			other = pr.Advanced
		default:
			continue
		}
		if z, ok := p.Zone(other); ok {
			out = append(out, z)
		}
	}
	return out
}

// Chain returns the chain with the given id.
func (p *Pack) Chain(id string) (*Chain, bool) {
	c, ok := p.ix().chains[id]
	return c, ok
}
