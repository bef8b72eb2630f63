package rulepack

// Land holds the land-efficiency rules: national floors and each zone's
// dated, per-industry tables (标准地 indicators).
type Land struct {
	National NationalFloors `json:"national"`
	Tables   []LandTable    `json:"tables"`
}

// NationalFloors are the 工业项目建设用地控制指标 that apply everywhere.
type NationalFloors struct {
	Sourced
	BuildingCoverageMin float64 `json:"building_coverage_min"` // 建筑系数 ≥
	AdminLandMax        float64 `json:"admin_land_max"`        // 行政办公及生活服务设施用地 ≤
	// PlotRatioMin holds the old national 容积率 floors by industry,
	// re-keyed by name to 2017 codes.
	PlotRatioMin []PlotFloor `json:"plot_ratio_min"`
}

// PlotFloor is a 容积率 floor for the industries under Codes.
type PlotFloor struct {
	Codes []string `json:"codes"`
	Name  string   `json:"name"`
	Min   float64  `json:"min"`
}

// LandTable is a zone's land-efficiency standard for one year.
type LandTable struct {
	Sourced
	Zone string     `json:"zone"`
	Year int        `json:"year"`
	Rows []LandCaps `json:"rows"`
}

// LandCaps is the standard for the industries under Codes; a row with no
// codes is the zone's default for every other industry. Zero means the
// indicator is not set.
type LandCaps struct {
	Codes  []string `json:"codes,omitempty"`
	Name   string   `json:"name"`
	NameEn string   `json:"name_en,omitempty"` // a faithful translation of Name
	// InvestPerMu is 固定资产投资强度 ≥, 万元/亩.
	InvestPerMu float64 `json:"invest_per_mu,omitempty"`
	// TaxPerMu is 亩均税收 ≥, 万元/亩·年.
	TaxPerMu float64 `json:"tax_per_mu,omitempty"`
	// ValueAddedPerMu is 亩均增加值 ≥, 万元/亩·年.
	ValueAddedPerMu float64 `json:"value_added_per_mu,omitempty"`
	// ValueAddedPerTce is 单位能耗增加值 ≥, 万元/吨标煤.
	ValueAddedPerTce float64 `json:"value_added_per_tce,omitempty"`
	PlotRatioMin     float64 `json:"plot_ratio_min,omitempty"`
	PlotRatioMax     float64 `json:"plot_ratio_max,omitempty"`
}

// Row returns the table row for code: the row whose codes most narrowly
// contain it, else the default row (no codes).
func (t *LandTable) Row(code string) (*LandCaps, bool) {
	var best, def *LandCaps
	bestLen := 0
	for i := range t.Rows {
		r := &t.Rows[i]
		if len(r.Codes) == 0 {
			def = r
			continue
		}
		for _, c := range r.Codes {
			if Within(code, c) && (best == nil || specificity(c) > bestLen) {
				best, bestLen = r, specificity(c)
			}
		}
	}
	if best != nil {
		return best, true
	}
	return def, def != nil
}

// PlotFloor returns the national 容积率 floor for code.
func (n *NationalFloors) PlotFloor(code string) (*PlotFloor, bool) {
	var best *PlotFloor
	bestLen := 0
	for i := range n.PlotRatioMin {
		f := &n.PlotRatioMin[i]
		for _, c := range f.Codes {
			if Within(code, c) && (best == nil || specificity(c) > bestLen) {
				best, bestLen = f, specificity(c)
			}
		}
	}
	return best, best != nil
}

// specificity ranks a code: a 门类 letter is coarser than any digits.
func specificity(code string) int {
	if len(code) == 1 {
		return 1
	}
	return len(code)
}
