package record

// Project is what an enterprise wants to build, with its site requirements
// (项目选址需求). Figures are pointers: nil means "not known yet", which
// screening must report as missing data rather than read as zero.
type Project struct {
	Meta
	EnterpriseID   string   `json:"enterprise_id"`
	Name           string   `json:"name"`
	IndustryCode   string   `json:"industry_code,omitempty"`    // when it differs from the enterprise's
	InvestmentWan  *float64 `json:"investment_wan,omitempty"`   // 总投资, 万元
	FixedAssetWan  *float64 `json:"fixed_asset_wan,omitempty"`  // 固定资产投资, 万元
	LandMu         *float64 `json:"land_mu,omitempty"`          // 用地, 亩
	BuildingAreaM2 *float64 `json:"building_area_m2,omitempty"` // 建筑面积, ㎡
	PlotRatio      *float64 `json:"plot_ratio,omitempty"`       // planned 容积率
	PowerKVA       *float64 `json:"power_kva,omitempty"`
	WaterTPD       *float64 `json:"water_tpd,omitempty"`      // t/d
	WastewaterTPD  *float64 `json:"wastewater_tpd,omitempty"` // t/d
	EnergyTce      *float64 `json:"energy_tce,omitempty"`     // annual energy use, tce
	SolventTPY     *float64 `json:"solvent_tpy,omitempty"`    // solvent-based coatings/inks/adhesives, t/yr
	Processes      []string `json:"processes,omitempty"`      // 电镀, 印染, 喷涂…
	OutputWan      *float64 `json:"output_wan,omitempty"`     // expected annual output, 万元
	TaxWan         *float64 `json:"tax_wan,omitempty"`        // expected annual tax, 万元
	Jobs           *int     `json:"jobs,omitempty"`
	SpecialNeeds   []string `json:"special_needs,omitempty"` // 无人机试飞空域, 洁净厂房, 铁路专用线…
	Timeline       string   `json:"timeline,omitempty"`
}

// Kind implements Record.
func (*Project) Kind() Kind { return KindProject }

// Parent implements Child.
func (p *Project) Parent() string { return p.EnterpriseID }
