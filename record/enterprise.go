package record

// Enterprise is a candidate or existing company (企业).
type Enterprise struct {
	Meta
	Name      string `json:"name"`                 // 企业名称, full registered name
	ShortName string `json:"short_name,omitempty"` // 简称
	// CreditCode is the 18-character 统一社会信用代码 (GB 32100-2015),
	// stored upper-case.
	CreditCode string `json:"credit_code,omitempty"`
	// CreditCodeConfirmed records that the user kept a credit code whose
	// check character does not match (a warning, not a block).
	CreditCodeConfirmed bool   `json:"credit_code_confirmed,omitempty"`
	IndustryCode        string `json:"industry_code,omitempty"` // GB/T 4754-2017 门类 letter or 2–4 digit code
	RegionCode          string `json:"region_code,omitempty"`   // ADCODE, GB/T 2260, six digits
	Address             string `json:"address,omitempty"`
	Employees           *int   `json:"employees,omitempty"`
	// RevenueWan is annual revenue in 万元 (10k CNY).
	RevenueWan  *float64 `json:"revenue_wan,omitempty"`
	Stage       Stage    `json:"stage"`
	CloseReason string   `json:"close_reason,omitempty"` // required for 放弃 / 转介
	ZoneID      string   `json:"zone_id,omitempty"`      // owning zone
	Tags        []string `json:"tags,omitempty"`
	Source      string   `json:"source,omitempty"` // e.g. "上虞经开区转介"
	Notes       string   `json:"notes,omitempty"`
}

// Kind implements Record.
func (*Enterprise) Kind() Kind { return KindEnterprise }
