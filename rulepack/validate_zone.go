package rulepack

import "fmt"

// checkZones validates the zones and returns them by id.
func (p *Pack) checkZones(c *checker) map[string]*Zone {
	chains := map[string]bool{}
	for _, ch := range p.Chains {
		chains[ch.ID] = true
	}
	zones := map[string]*Zone{}
	for i := range p.ZoneList {
		z := &p.ZoneList[i]
		f := fmt.Sprintf("zones[%d]", i)
		c.sourced(f, z.Sourced)
		switch {
		case !slugRE.MatchString(z.ID):
			c.add(f+".id", "%q is not a short ASCII slug (a-z, 0-9, _ or -)", z.ID)
		case zones[z.ID] != nil:
			c.add(f+".id", "%q is used by another zone", z.ID)
		default:
			zones[z.ID] = z
		}
		if z.Name == "" || z.ShortName == "" {
			c.add(f+".name", "name and short_name are required")
		}
		if !adcodeRE.MatchString(z.ADCODE) {
			c.add(f+".adcode", "%q is not a six-digit ADCODE", z.ADCODE)
		}
		if z.Level != National && z.Level != Provincial {
			c.add(f+".level", "%q is not national or provincial", z.Level)
		}
		if z.Kind != Advanced && z.Kind != Mountain {
			c.add(f+".kind", "%q is not advanced or mountain", z.Kind)
		}
		checkPositioning(c, f, z, chains)
		checkCarriers(c, f, z.Carriers)
	}
	return zones
}

// checkPositioning validates a zone's leading industries and chain roles.
func checkPositioning(c *checker, f string, z *Zone, chains map[string]bool) {
	if len(z.Leading) == 0 {
		c.add(f+".leading", "a zone needs at least one leading industry")
	}
	for j, l := range z.Leading {
		lf := fmt.Sprintf("%s.leading[%d]", f, j)
		c.sourced(lf, l.Sourced)
		if l.Wording == "" {
			c.add(lf+".wording", "missing: keep the source's words")
		}
		c.codes(lf+".codes", l.Codes)
	}
	for j, r := range z.Chains {
		rf := fmt.Sprintf("%s.chains[%d]", f, j)
		c.sourced(rf, r.Sourced)
		if !chains[r.Chain] {
			c.add(rf+".chain", "unknown chain %q", r.Chain)
		}
		for k, s := range r.Segments {
			if s.Rank() < 0 {
				c.add(fmt.Sprintf("%s.segments[%d]", rf, k), "%q is not upstream, midstream or downstream", s)
			}
		}
	}
}

func checkCarriers(c *checker, f string, cs []Carrier) {
	seen := map[string]bool{}
	for j, k := range cs {
		kf := fmt.Sprintf("%s.carriers[%d]", f, j)
		c.sourced(kf, k.Sourced)
		if k.ID == "" || seen[k.ID] {
			c.add(kf+".id", "missing or repeated carrier id %q", k.ID)
		}
		seen[k.ID] = true
		if k.Kind != Parcel && k.Kind != StandardFactory {
			c.add(kf+".kind", "%q is not parcel or standard_factory", k.Kind)
		}
		if k.AreaMu < 0 || k.PowerKVA < 0 || k.WaterTPD < 0 || k.FloorM2 < 0 {
			c.add(kf, "negative area, power or water")
		}
	}
}

func (p *Pack) checkPairings(c *checker, zones map[string]*Zone) {
	for i, pr := range p.Pairings {
		f := fmt.Sprintf("pairings[%d]", i)
		c.sourced(f, pr.Sourced)
		if z := zones[pr.Advanced]; z == nil {
			c.add(f+".advanced", "unknown zone %q", pr.Advanced)
		} else if z.Kind != Advanced {
			c.add(f+".advanced", "zone %q is not an advanced zone", pr.Advanced)
		}
		if z := zones[pr.Mountain]; z == nil {
			c.add(f+".mountain", "unknown zone %q", pr.Mountain)
		} else if z.Kind != Mountain {
			c.add(f+".mountain", "zone %q is not a mountain-county zone", pr.Mountain)
		}
		c.date(f+".valid_from", pr.ValidFrom, false)
		c.date(f+".valid_to", pr.ValidTo, false)
	}
}

func (p *Pack) checkChains(c *checker) {
	seen := map[string]bool{}
	for i, ch := range p.Chains {
		f := fmt.Sprintf("chains[%d]", i)
		c.sourced(f, ch.Sourced)
		if !slugRE.MatchString(ch.ID) || seen[ch.ID] {
			c.add(f+".id", "missing, malformed or repeated chain id %q", ch.ID)
		}
		seen[ch.ID] = true
		if ch.Name == "" || len(ch.Segments) == 0 {
			c.add(f, "a chain needs a name and segments")
		}
		for j, s := range ch.Segments {
			sf := fmt.Sprintf("%s.segments[%d]", f, j)
			if s.Role.Rank() < 0 {
				c.add(sf+".role", "%q is not upstream, midstream or downstream", s.Role)
			}
			c.codes(sf+".codes", codesOf(s.Codes))
		}
	}
}

func codesOf(cs []CodeName) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Code
	}
	return out
}
