package rulepack

import "fmt"

func (p *Pack) checkEco(c *checker, zones map[string]*Zone) {
	e := &p.Eco
	c.sourced("eco.eia_catalogue", e.EIA.Sourced)
	for i, r := range e.EIA.Rows {
		f := fmt.Sprintf("eco.eia_catalogue.rows[%d]", i)
		c.codes(f+".codes", r.Codes)
		for j, t := range append(append([]Trigger(nil), r.Report.Triggers...), r.Form.Triggers...) {
			if len(t.Codes) > 0 {
				c.codes(fmt.Sprintf("%s.triggers[%d].codes", f, j), t.Codes)
			}
		}
	}
	for name, l := range map[string]SectorList{"two_high": e.TwoHigh, "high_energy": e.HighEnergy,
		"voc_sectors": e.VOC, "third_class": e.ThirdClass} {
		c.sourced("eco."+name, l.Sourced)
		c.codes("eco."+name+".items", codesOf(l.Items))
	}
	procs := map[string]bool{}
	for _, pr := range e.Processes {
		procs[pr.Name] = true
	}
	seen := map[string]bool{}
	for i, t := range e.Zones {
		f := fmt.Sprintf("eco.zone_thresholds[%d]", i)
		if zones[t.Zone] == nil || seen[t.Zone] {
			c.add(f+".zone", "unknown or repeated zone %q", t.Zone)
		}
		seen[t.Zone] = true
		checkThreshold(c, f, t, procs)
	}
}

// checkThreshold validates one zone's eco thresholds.
func checkThreshold(c *checker, f string, t EcoThreshold, procs map[string]bool) {
	c.sourced(f, t.Sourced)
	if len(t.NegativeCodes) > 0 {
		c.codes(f+".negative_codes", codesOf(t.NegativeCodes))
	}
	for j, n := range t.NegativeProcesses {
		if !procs[n] {
			c.add(fmt.Sprintf("%s.negative_processes[%d]", f, j), "unknown process %q (add it to eco.processes)", n)
		}
	}
	for name, pol := range map[string]Policy{"two_high": t.TwoHigh, "high_energy": t.HighEnergy, "voc": t.VOC} {
		if pol != PolicyAllow && pol != PolicyReview && pol != PolicyReject {
			c.add(f+"."+name, "%q is not allow, review or reject", pol)
		}
	}
	if t.MaxEIA.Rank() < 0 {
		c.add(f+".max_eia", "%q is not none, registration, report_form or report", t.MaxEIA)
	}
	for name, v := range map[string]*float64{"energy_tce_max": t.EnergyTceMax, "water_tpd_max": t.WaterTPDMax,
		"wastewater_tpd_max": t.WastewaterTPDMax, "solvent_tpy_max": t.SolventTPYMax} {
		if v != nil && *v < 0 {
			c.add(f+"."+name, "negative cap %v", *v)
		}
	}
}

func (p *Pack) checkLand(c *checker, zones map[string]*Zone) {
	n := &p.Land.National
	c.sourced("land.national", n.Sourced)
	if n.BuildingCoverageMin <= 0 || n.BuildingCoverageMin >= 1 || n.AdminLandMax <= 0 || n.AdminLandMax >= 1 {
		c.add("land.national", "building_coverage_min and admin_land_max are fractions between 0 and 1")
	}
	for i, f := range n.PlotRatioMin {
		c.codes(fmt.Sprintf("land.national.plot_ratio_min[%d].codes", i), f.Codes)
	}
	for i, t := range p.Land.Tables {
		f := fmt.Sprintf("land.tables[%d]", i)
		c.sourced(f, t.Sourced)
		if zones[t.Zone] == nil {
			c.add(f+".zone", "unknown zone %q", t.Zone)
		}
		if t.Year < 2000 || t.Year > 2100 {
			c.add(f+".year", "%d is not a plausible year", t.Year)
		}
		for j, r := range t.Rows {
			rf := fmt.Sprintf("%s.rows[%d]", f, j)
			if len(r.Codes) > 0 {
				c.codes(rf+".codes", r.Codes)
			}
			if r.InvestPerMu < 0 || r.TaxPerMu < 0 || r.ValueAddedPerMu < 0 || r.ValueAddedPerTce < 0 || r.PlotRatioMin < 0 {
				c.add(rf, "negative threshold")
			}
			if r.PlotRatioMax > 0 && r.PlotRatioMax < r.PlotRatioMin {
				c.add(rf+".plot_ratio_max", "%v is below plot_ratio_min %v", r.PlotRatioMax, r.PlotRatioMin)
			}
		}
	}
}
