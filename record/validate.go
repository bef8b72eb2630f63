package record

import (
	"fmt"
	"math"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Validation rules for every record kind. Validate checks values exactly
// as they would be stored; callers (storage, CLI, import) first call
// Normalize, which trims text, folds full-width codes, puts mobiles into
// +86 form and defaults an empty Stage to StageLead. Validate itself
// reports an empty Stage, so that a record that skipped Normalize is
// caught rather than silently stored without a stage.

// maxNameRunes caps an enterprise name. The longest registered names run
// to about 50 characters; 100 leaves room for branch names and notes
// pasted by mistake are still caught.
const maxNameRunes = 100

// Plot ratio (容积率) bounds: above 0 and at most 10. Industrial minimums
// are around 0.6–1.5 (domain-rules.md §2.2); a value over 10 is a slip
// (a building area or percentage typed into the wrong field).
const maxPlotRatio = 10

var (
	// industryCodePattern: a GB/T 4754-2017 门类 letter (A–T, 20 of them)
	// or a 大类/中类/小类 code of 2, 3 or 4 digits (domain-rules.md §4.1).
	// Whether the code exists is the industry package's business.
	industryCodePattern = regexp.MustCompile(`^(?:[A-T]|[0-9]{2,4})$`)
	regionCodePattern   = regexp.MustCompile(`^[0-9]{6}$`)
)

// provinceCodes are the first two digits of GB/T 2260 codes: the 31
// mainland divisions (modood/Administrative-divisions-of-China
// dist/provinces.csv, commit a9f6e38) and 71 台湾, 81 香港, 82 澳门.
var provinceCodes = []string{"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
	"35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
	"63", "64", "65", "71", "81", "82"}

// checker collects the problems of one record.
type checker struct {
	kind Kind
	ps   Problems
}

// add records one problem. The first "{f}" in zh and en becomes the
// field label; only the first, and every message puts it before any
// user-typed value, so a value that contains "{f}" is shown as typed.
func (c *checker) add(field, rule string, sev Severity, zh, en string) {
	lz, le := FieldLabel(c.kind, field)
	c.ps = append(c.ps, Problem{Field: field, Rule: rule, Severity: sev,
		Zh: strings.Replace(zh, "{f}", lz, 1), En: strings.Replace(en, "{f}", le, 1)})
}

func (c *checker) required(field, v string) bool {
	if strings.TrimFunc(v, isSpace) != "" {
		return true
	}
	c.add(field, "required", Error, "{f}为必填项", "{f} is required")
	return false
}

func (c *checker) maxRunes(field, v string, limit int) {
	if n := utf8.RuneCountInString(v); n > limit {
		c.add(field, "too_long", Error, fmt.Sprintf("{f}不能超过%d个字（现有%d个）", limit, n),
			fmt.Sprintf("{f} must be at most %d characters, has %d", limit, n))
	}
}

func (c *checker) industryCode(field, v string) {
	if v != "" && !industryCodePattern.MatchString(v) {
		c.add(field, "industry_code_format", Error,
			fmt.Sprintf("{f} %s 格式不对：应为国民经济行业分类（GB/T 4754-2017）门类字母 A–T 或2至4位数字代码", v),
			fmt.Sprintf("{f} %s must be a GB/T 4754-2017 section letter A-T or a 2 to 4 digit code", v))
	}
}

func (c *checker) regionCode(field, v string) {
	if v == "" {
		return
	}
	if !regionCodePattern.MatchString(v) || !slices.Contains(provinceCodes, v[:2]) {
		c.add(field, "region_code_format", Error,
			fmt.Sprintf("{f} %s 格式不对：应为6位数字的行政区划代码（GB/T 2260），如 331124", v),
			fmt.Sprintf("{f} %s must be a six-digit GB/T 2260 area code such as 331124", v))
	}
}

func (c *checker) date(field, v string) {
	if v == "" {
		return
	}
	if _, err := ParseDate(v); err != nil {
		c.add(field, "date_format", Error,
			fmt.Sprintf("{f} %s 不是有效日期：应为 YYYY-MM-DD 格式的真实日期，如 2025-03-08", v),
			fmt.Sprintf("{f} %s is not a real date in YYYY-MM-DD form, e.g. 2025-03-08", v))
	}
}

func (c *checker) nonNegative(field string, v *float64) {
	if v == nil {
		return
	}
	switch {
	case math.IsNaN(*v) || math.IsInf(*v, 0):
		c.add(field, "not_a_number", Error, "{f}不是有效数字", "{f} is not a finite number")
	case *v < 0:
		c.add(field, "negative", Error, fmt.Sprintf("{f}不能为负数（%g）", *v),
			fmt.Sprintf("{f} must not be negative (%g)", *v))
	}
}

func (c *checker) nonNegativeInt(field string, v *int) {
	if v != nil && *v < 0 {
		c.add(field, "negative", Error, fmt.Sprintf("{f}不能为负数（%d）", *v),
			fmt.Sprintf("{f} must not be negative (%d)", *v))
	}
}

func (c *checker) enterpriseID(id string) { c.required("enterprise_id", id) }

// Validate implements Record.
func (e *Enterprise) Validate() Problems {
	c := &checker{kind: KindEnterprise}
	if c.required("name", e.Name) {
		c.maxRunes("name", e.Name, maxNameRunes)
	}
	if e.CreditCode != "" {
		if p, ok := creditCodeProblem(e.CreditCode); !ok && !(p.Rule == "credit_code_check" && e.CreditCodeConfirmed) {
			c.ps = append(c.ps, p)
		}
	}
	c.industryCode("industry_code", e.IndustryCode)
	c.regionCode("region_code", e.RegionCode)
	c.nonNegativeInt("employees", e.Employees)
	c.nonNegative("revenue_wan", e.RevenueWan)
	switch {
	case e.Stage == "":
		c.required("stage", "")
	case !e.Stage.Valid():
		c.add("stage", "stage_unknown", Error,
			fmt.Sprintf("{f} %q 无效：应为线索、走访、在谈、签约、开工、投产、放弃或转介", string(e.Stage)),
			fmt.Sprintf("{f} %q is not one of lead, visited, negotiating, signed, started, producing, dropped, referred", string(e.Stage)))
	case e.Stage.Closed() && strings.TrimFunc(e.CloseReason, isSpace) == "":
		c.add("close_reason", "close_reason_required", Error,
			fmt.Sprintf("阶段为“%s”时必须填写{f}", e.Stage.Chinese()),
			fmt.Sprintf("{f} is required when the stage is %s", e.Stage))
	}
	return c.ps
}

// Validate implements Record. A contact needs only a name: staff often
// meet a person before they have any number for them.
func (ct *Contact) Validate() Problems {
	c := &checker{kind: KindContact}
	c.enterpriseID(ct.EnterpriseID)
	c.required("name", ct.Name)
	if ct.Mobile != "" && !ValidMobile(ct.Mobile) {
		if e164, err := NormalizeMobile(ct.Mobile); err == nil {
			c.add("mobile", "mobile_format", Error,
				fmt.Sprintf("{f} %s 未规范为 +86 格式（应为 %s）", ct.Mobile, e164),
				fmt.Sprintf("{f} %s is not in stored +86 form (want %s)", ct.Mobile, e164))
		} else {
			c.add("mobile", "mobile_format", Error,
				fmt.Sprintf("{f} %s 不是有效的中国大陆手机号", ct.Mobile),
				fmt.Sprintf("{f} %s is not a valid mainland China mobile number", ct.Mobile))
		}
	}
	if ct.Phone != "" {
		if err := CheckPhone(ct.Phone); err != nil {
			c.add("phone", "phone_format", Error,
				fmt.Sprintf("{f} %s 不像电话号码：应为7至12位数字，可带区号、连字符和分机号（如 0578-8123456 转 123）", ct.Phone),
				fmt.Sprintf("{f} %s does not look like a phone number (%v)", ct.Phone, err))
		}
	}
	if ct.Email != "" && !validEmail(ct.Email) {
		c.add("email", "email_format", Error,
			fmt.Sprintf("{f} %s 格式不对，应如 name@example.com", ct.Email),
			fmt.Sprintf("{f} %s is not an address like name@example.com", ct.Email))
	}
	c.legalBasis(ct)
	return c.ps
}

// legalBasis checks the PIPL article 13 ground (domain-rules.md §6): one
// of the bases in LegalBases, and for consent the date it was given,
// which article 14 consent has to be shown by, not in the future. A
// missing basis is a warning, not an error: contacts imported from old
// lists have none, and the retention review lists them for follow-up.
func (c *checker) legalBasis(ct *Contact) {
	switch _, known := ct.LegalBasis.Info(); {
	case ct.LegalBasis == "":
		c.add("legal_basis", "legal_basis_missing", Warning,
			"未记录{f}（个人信息保护法第十三条）：请补录本人同意或其他依据",
			"{f} is not recorded (PIPL art. 13): record consent or another basis")
	case !known:
		c.add("legal_basis", "legal_basis_unknown", Error,
			fmt.Sprintf("{f} %q 无效：应为 %s", string(ct.LegalBasis), basisChoices(true)),
			fmt.Sprintf("{f} %q is not one of %s", string(ct.LegalBasis), basisChoices(false)))
	case ct.LegalBasis == BasisConsent && ct.ConsentDate == "":
		c.add("consent_date", "consent_date_required", Error,
			"个人信息处理依据为“同意”时必须填写{f}",
			"{f} is required when the legal basis is consent")
	}
	c.date("consent_date", ct.ConsentDate)
	if p := CheckConsentDate(ct.ConsentDate, time.Now()); p != nil {
		c.ps = append(c.ps, *p)
	}
}

// Validate implements Record.
func (v *Visit) Validate() Problems {
	c := &checker{kind: KindVisit}
	c.enterpriseID(v.EnterpriseID)
	if c.required("date", v.Date) {
		c.date("date", v.Date)
	}
	return c.ps
}

// Validate implements Record. Every figure is optional (nil = not known
// yet) but never negative.
func (p *Project) Validate() Problems {
	c := &checker{kind: KindProject}
	c.enterpriseID(p.EnterpriseID)
	c.industryCode("industry_code", p.IndustryCode)
	for _, f := range []struct {
		field string
		v     *float64
	}{
		{"investment_wan", p.InvestmentWan}, {"fixed_asset_wan", p.FixedAssetWan},
		{"land_mu", p.LandMu}, {"building_area_m2", p.BuildingAreaM2},
		{"power_kva", p.PowerKVA}, {"water_tpd", p.WaterTPD}, {"wastewater_tpd", p.WastewaterTPD},
		{"energy_tce", p.EnergyTce}, {"solvent_tpy", p.SolventTPY},
		{"output_wan", p.OutputWan}, {"tax_wan", p.TaxWan},
	} {
		c.nonNegative(f.field, f.v)
	}
	c.nonNegativeInt("jobs", p.Jobs)
	if r := p.PlotRatio; r != nil && !(*r > 0 && *r <= maxPlotRatio) {
		c.add("plot_ratio", "plot_ratio_range", Error,
			fmt.Sprintf("{f} %g 超出范围：应大于0且不超过%d", *r, maxPlotRatio),
			fmt.Sprintf("{f} %g must be above 0 and at most %d", *r, maxPlotRatio))
	}
	// 固定资产投资 is part of 总投资, so it cannot exceed it; a warning,
	// since the two figures often come from different conversations.
	if p.FixedAssetWan != nil && p.InvestmentWan != nil && *p.FixedAssetWan > *p.InvestmentWan {
		c.add("fixed_asset_wan", "fixed_asset_exceeds_investment", Warning,
			fmt.Sprintf("{f}（%g）大于总投资（%g），请核对", *p.FixedAssetWan, *p.InvestmentWan),
			fmt.Sprintf("{f} (%g) exceeds total investment (%g); check the figures", *p.FixedAssetWan, *p.InvestmentWan))
	}
	return c.ps
}

// Validate implements Record.
func (t *Task) Validate() Problems {
	c := &checker{kind: KindTask}
	c.enterpriseID(t.EnterpriseID)
	c.required("title", t.Title)
	if c.required("due", t.Due) {
		c.date("due", t.Due)
	}
	return c.ps
}

// required reports field as missing when v is blank. It serves record
// kinds whose rules live beside their type (referral, screening); the
// label is looked up by field name across kinds.
func required(field, v string) Problems {
	c := &checker{kind: kindOfField(field)}
	c.required(field, v)
	return c.ps
}

// kindOfField returns the first kind, in Kinds order, that has a labelled
// field of this name.
func kindOfField(field string) Kind {
	for _, k := range Kinds {
		if _, ok := kindLabels[k][field]; ok {
			return k
		}
	}
	return ""
}

// validEmail accepts a bare address with a dotted domain, as stored.
func validEmail(s string) bool {
	if strings.ContainsFunc(s, isSpace) {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return at > 0 && strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}
