package rulepack

// Level is a zone's administrative level.
type Level string

// Zone levels.
const (
	National   Level = "national"   // 国家级
	Provincial Level = "provincial" // 省级
)

// Chinese returns the level as staff write it.
func (l Level) Chinese() string {
	if l == National {
		return "国家级"
	}
	return "省级"
}

// Kind says which side of a pairing a zone is on.
type Kind string

// Zone kinds.
const (
	Advanced Kind = "advanced" // 先进地区开发区
	Mountain Kind = "mountain" // 山区县开发区
)

// Zone is a development zone (开发区) with what it admits and offers.
type Zone struct {
	Sourced
	ID        string `json:"id"`         // short ASCII slug, e.g. "jingning"
	Name      string `json:"name"`       // registered name
	ShortName string `json:"short_name"` // used in reasons, e.g. "景宁经开区"
	// NameEn and ShortNameEn are the English names for the English
	// interface; NameEnSource says whether the zone publishes them or
	// they are the pack editor's translation.
	NameEn       string `json:"name_en,omitempty"`
	ShortNameEn  string `json:"short_name_en,omitempty"`
	NameEnSource string `json:"name_en_source,omitempty"`
	ADCODE       string `json:"adcode"` // county or district
	Level        Level  `json:"level"`
	Kind         Kind   `json:"kind"`
	// Leading are the 主导产业 in the source's wording with the codes the
	// pack editor mapped them to.
	Leading  []LeadingIndustry `json:"leading"`
	Chains   []ChainRole       `json:"chains,omitempty"`
	Carriers []Carrier         `json:"carriers,omitempty"`
	// Retention is the zone's own retention period, if it set one.
	Retention *Retention `json:"retention,omitempty"`
}

// LeadingIndustry is one 主导产业 as the source words it, mapped to
// GB/T 4754-2017 codes.
type LeadingIndustry struct {
	Sourced
	Wording   string   `json:"wording"`
	WordingEn string   `json:"wording_en,omitempty"` // a faithful English translation
	Codes     []string `json:"codes"`
}

// ChainRole says which segments of a chain a zone already has; screening
// tags a candidate in another segment as extending or filling the chain.
type ChainRole struct {
	Sourced
	Chain    string `json:"chain"`
	Segments []Role `json:"segments"`
}

// CarrierKind distinguishes land from buildings.
type CarrierKind string

// Carrier kinds.
const (
	Parcel          CarrierKind = "parcel"           // 地块 / 标准地
	StandardFactory CarrierKind = "standard_factory" // 标准厂房
)

// Carrier is what a zone can offer a project (载体).
type Carrier struct {
	Sourced
	ID       string      `json:"id"`
	Name     string      `json:"name"`
	NameEn   string      `json:"name_en,omitempty"`
	Kind     CarrierKind `json:"kind"`
	AreaMu   float64     `json:"area_mu,omitempty"`
	FloorM2  float64     `json:"floor_m2,omitempty"` // standard factories
	PowerKVA float64     `json:"power_kva,omitempty"`
	WaterTPD float64     `json:"water_tpd,omitempty"`
	// Restrictions are conditions of use, e.g. "仅限一二类工业项目".
	Restrictions   []string `json:"restrictions,omitempty"`
	RestrictionsEn []string `json:"restrictions_en,omitempty"` // translations, item by item
	// Features are what special needs it meets, e.g. "无人机试飞空域".
	Features   []string `json:"features,omitempty"`
	FeaturesEn []string `json:"features_en,omitempty"` // translations, item by item
}

// Pairing links an advanced zone with a mountain-county zone (结对).
type Pairing struct {
	Sourced
	Advanced  string `json:"advanced"`
	Mountain  string `json:"mountain"`
	ValidFrom string `json:"valid_from,omitempty"`
	ValidTo   string `json:"valid_to,omitempty"`
}
