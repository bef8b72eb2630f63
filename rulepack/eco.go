package rulepack

// EIAClass is the environmental-impact document a project needs.
type EIAClass string

// EIA classes, from lightest to heaviest.
const (
	EIANone         EIAClass = "none"         // 不纳入环评管理
	EIARegistration EIAClass = "registration" // 登记表
	EIAReportForm   EIAClass = "report_form"  // 报告表
	EIAReport       EIAClass = "report"       // 报告书
)

// Rank orders EIA classes; unknown classes rank -1.
func (c EIAClass) Rank() int {
	switch c {
	case EIANone:
		return 0
	case EIARegistration:
		return 1
	case EIAReportForm:
		return 2
	case EIAReport:
		return 3
	}
	return -1
}

// Chinese returns the class as staff write it.
func (c EIAClass) Chinese() string {
	switch c {
	case EIANone:
		return "无需环评文件"
	case EIARegistration:
		return "环评登记表"
	case EIAReportForm:
		return "环评报告表"
	case EIAReport:
		return "环评报告书"
	}
	return string(c)
}

// Eco holds the ecological reference data: national lists and each zone's
// thresholds.
type Eco struct {
	EIA        EIACatalogue `json:"eia_catalogue"`
	TwoHigh    SectorList   `json:"two_high"`    // 两高
	HighEnergy SectorList   `json:"high_energy"` // 高耗能行业
	VOC        SectorList   `json:"voc_sectors"` // VOCs 重点行业
	ThirdClass SectorList   `json:"third_class"` // 三类工业项目
	// Processes names the polluting processes screening recognises, with
	// the words that mean the same (化学镀 and 阳极氧化 count as 电镀).
	Processes []Process `json:"processes"`
	// EnergyReviewTce is the annual energy use from which the province
	// reviews energy saving (节能审查); screening warns above it.
	EnergyReviewTce float64        `json:"energy_review_tce"`
	Zones           []EcoThreshold `json:"zone_thresholds"`
}

// EIACatalogue is the 建设项目环境影响评价分类管理名录 rows used here.
type EIACatalogue struct {
	Sourced
	Rows []EIARow `json:"rows"`
}

// EIARow is one numbered row of the catalogue.
type EIARow struct {
	No     int      `json:"no"`
	Name   string   `json:"name"`
	Codes  []string `json:"codes"`
	Report EIACase  `json:"report"`      // 报告书
	Form   EIACase  `json:"report_form"` // 报告表
}

// EIACase is a column of a row: the catalogue's wording and the triggers a
// machine can test. A case applies when any trigger fires.
type EIACase struct {
	Text     string    `json:"text"`
	Triggers []Trigger `json:"triggers,omitempty"`
}

// Trigger is one machine-testable condition of an EIA case.
type Trigger struct {
	All       bool     `json:"all,omitempty"`       // 全部 / 其他
	Codes     []string `json:"codes,omitempty"`     // the candidate's code lies within one
	Processes []string `json:"processes,omitempty"` // the project uses one (canonical names)
	// SolventTPYAtLeast fires when annual solvent-based coating, ink or
	// adhesive use reaches it (the catalogue's 10-tonne VOC rule).
	SolventTPYAtLeast float64 `json:"solvent_tpy_at_least,omitempty"`
}

// SectorList is a dated, sourced list of industry codes.
type SectorList struct {
	Sourced
	Items []CodeName `json:"items"`
}

// Process is a polluting process and the words that name it.
type Process struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	// ThirdClass marks processes that make a project 三类 (heavy pollution).
	ThirdClass bool `json:"third_class,omitempty"`
}

// Policy is how a zone treats a category of project.
type Policy string

// Policies.
const (
	PolicyAllow  Policy = "allow"
	PolicyReview Policy = "review"
	PolicyReject Policy = "reject"
)

// EcoThreshold is one zone's ecological admission rules (生态门槛).
type EcoThreshold struct {
	Sourced
	Zone              string     `json:"zone"`
	NegativeCodes     []CodeName `json:"negative_codes,omitempty"`
	NegativeProcesses []string   `json:"negative_processes,omitempty"`
	TwoHigh           Policy     `json:"two_high"`
	HighEnergy        Policy     `json:"high_energy"`
	VOC               Policy     `json:"voc"`
	// MaxEIA is the heaviest EIA class the zone admits.
	MaxEIA EIAClass `json:"max_eia"`
	// ThirdClassAllowed: 三类 projects only go to 产业集聚 control units.
	ThirdClassAllowed bool `json:"third_class_allowed"`
	// Caps; nil means the zone sets none.
	EnergyTceMax     *float64 `json:"energy_tce_max,omitempty"`
	WaterTPDMax      *float64 `json:"water_tpd_max,omitempty"`
	WastewaterTPDMax *float64 `json:"wastewater_tpd_max,omitempty"`
	SolventTPYMax    *float64 `json:"solvent_tpy_max,omitempty"`
}
