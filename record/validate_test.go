package record

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func ptr[T any](v T) *T { return &v }

// want names one expected problem.
type want struct {
	field, rule string
	sev         Severity
}

// checkProblems compares problems with the expected set, in order, and
// checks that every message names its field in both languages.
func checkProblems(t *testing.T, kind Kind, got Problems, wants []want) {
	t.Helper()
	var g []want
	for _, p := range got {
		g = append(g, want{p.Field, p.Rule, p.Severity})
		zh, en := FieldLabel(kind, p.Field)
		if !strings.Contains(p.Zh, zh) || !strings.Contains(p.En, en) {
			t.Errorf("%s/%s: messages %q / %q do not name the field (%s / %s)", p.Field, p.Rule, p.Zh, p.En, zh, en)
		}
	}
	if !slices.Equal(g, wants) {
		t.Errorf("problems = %+v\nwant       %+v", g, wants)
	}
}

func validEnterprise() *Enterprise {
	return &Enterprise{Name: "浙江四联玩具有限公司", CreditCode: codeFujian, IndustryCode: "2451",
		RegionCode: "331124", Employees: ptr(120), RevenueWan: ptr(5800.5), Stage: StageVisited}
}

func TestEnterpriseValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(e *Enterprise)
		want   []want
	}{
		{"valid", func(e *Enterprise) {}, nil},
		{"minimal", func(e *Enterprise) { *e = Enterprise{Name: "四联", Stage: StageLead} }, nil},
		{"name missing", func(e *Enterprise) { e.Name = "" }, []want{{"name", "required", Error}}},
		{"name blank", func(e *Enterprise) { e.Name = " \u3000" }, []want{{"name", "required", Error}}},
		{"name 100 runes", func(e *Enterprise) { e.Name = strings.Repeat("浙", 100) }, nil},
		{"name 101 runes", func(e *Enterprise) { e.Name = strings.Repeat("浙", 101) }, []want{{"name", "too_long", Error}}},
		{"credit code format", func(e *Enterprise) { e.CreditCode = "9135010" }, []want{{"credit_code", "credit_code_format", Error}}},
		{"credit code not normalised", func(e *Enterprise) { e.CreditCode = strings.ToLower(codeFujian) }, []want{{"credit_code", "credit_code_format", Error}}},
		{"credit code check", func(e *Enterprise) { e.CreditCode = "91350100M000100Y44" }, []want{{"credit_code", "credit_code_check", Warning}}},
		{"credit code check confirmed", func(e *Enterprise) {
			e.CreditCode, e.CreditCodeConfirmed = "91350100M000100Y44", true
		}, nil},
		{"confirmation does not excuse format", func(e *Enterprise) {
			e.CreditCode, e.CreditCodeConfirmed = "91350100M00010", true
		}, []want{{"credit_code", "credit_code_format", Error}}},
		{"credit code check 0", func(e *Enterprise) { e.CreditCode = codeZeroCheck }, nil},
		{"industry section letter", func(e *Enterprise) { e.IndustryCode = "C" }, nil},
		{"industry section T", func(e *Enterprise) { e.IndustryCode = "T" }, nil},
		{"industry 2 digits", func(e *Enterprise) { e.IndustryCode = "24" }, nil},
		{"industry 3 digits", func(e *Enterprise) { e.IndustryCode = "245" }, nil},
		{"industry letter U", func(e *Enterprise) { e.IndustryCode = "U" }, []want{{"industry_code", "industry_code_format", Error}}},
		{"industry 5 digits", func(e *Enterprise) { e.IndustryCode = "24511" }, []want{{"industry_code", "industry_code_format", Error}}},
		{"industry 1 digit", func(e *Enterprise) { e.IndustryCode = "2" }, []want{{"industry_code", "industry_code_format", Error}}},
		{"industry letter and digits", func(e *Enterprise) { e.IndustryCode = "C24" }, []want{{"industry_code", "industry_code_format", Error}}},
		{"region 5 digits", func(e *Enterprise) { e.RegionCode = "33112" }, []want{{"region_code", "region_code_format", Error}}},
		{"region letters", func(e *Enterprise) { e.RegionCode = "33112A" }, []want{{"region_code", "region_code_format", Error}}},
		{"region unknown province", func(e *Enterprise) { e.RegionCode = "991124" }, []want{{"region_code", "region_code_format", Error}}},
		{"negative employees", func(e *Enterprise) { e.Employees = ptr(-1) }, []want{{"employees", "negative", Error}}},
		{"zero employees", func(e *Enterprise) { e.Employees = ptr(0) }, nil},
		{"negative revenue", func(e *Enterprise) { e.RevenueWan = ptr(-0.5) }, []want{{"revenue_wan", "negative", Error}}},
		{"NaN revenue", func(e *Enterprise) { e.RevenueWan = ptr(math.NaN()) }, []want{{"revenue_wan", "not_a_number", Error}}},
		{"stage empty", func(e *Enterprise) { e.Stage = "" }, []want{{"stage", "required", Error}}},
		{"stage unknown", func(e *Enterprise) { e.Stage = "won" }, []want{{"stage", "stage_unknown", Error}}},
		{"stage in Chinese not normalised", func(e *Enterprise) { e.Stage = "在谈" }, []want{{"stage", "stage_unknown", Error}}},
		{"dropped without reason", func(e *Enterprise) { e.Stage = StageDropped }, []want{{"close_reason", "close_reason_required", Error}}},
		{"referred without reason", func(e *Enterprise) { e.Stage = StageReferred }, []want{{"close_reason", "close_reason_required", Error}}},
		{"dropped with reason", func(e *Enterprise) { e.Stage, e.CloseReason = StageDropped, "环评不符" }, nil},
		{"producing needs no reason", func(e *Enterprise) { e.Stage = StageProducing }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := validEnterprise()
			tt.mutate(e)
			checkProblems(t, KindEnterprise, e.Validate(), tt.want)
		})
	}
}

func validContact() *Contact {
	return &Contact{EnterpriseID: "01J0ENT", Name: "王经理", Mobile: "+8613800138000", Phone: "0578-8123456",
		Email: "wang@example.com", LegalBasis: BasisConsent, ConsentDate: "2025-03-08"}
}

func TestContactValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(c *Contact)
		want   []want
	}{
		{"valid", func(c *Contact) {}, nil},
		{"name alone is enough, a missing basis only warns", func(c *Contact) { *c = Contact{EnterpriseID: "01J0ENT", Name: "王经理"} },
			[]want{{"legal_basis", "legal_basis_missing", Warning}}},
		{"no enterprise", func(c *Contact) { c.EnterpriseID = "" }, []want{{"enterprise_id", "required", Error}}},
		{"no name", func(c *Contact) { c.Name = "" }, []want{{"name", "required", Error}}},
		{"mobile invalid", func(c *Contact) { c.Mobile = "13800" }, []want{{"mobile", "mobile_format", Error}}},
		{"mobile not normalised", func(c *Contact) { c.Mobile = "138 0013 8000" }, []want{{"mobile", "mobile_format", Error}}},
		{"mobile unallocated range", func(c *Contact) { c.Mobile = "+8612800138000" }, []want{{"mobile", "mobile_format", Error}}},
		{"phone garbage", func(c *Contact) { c.Phone = "见名片" }, []want{{"phone", "phone_format", Error}}},
		{"phone with extension", func(c *Contact) { c.Phone = "0578-8123456 转 801" }, nil},
		{"email no domain dot", func(c *Contact) { c.Email = "wang@example" }, []want{{"email", "email_format", Error}}},
		{"email no at", func(c *Contact) { c.Email = "wang.example.com" }, []want{{"email", "email_format", Error}}},
		{"email with name", func(c *Contact) { c.Email = "Wang <wang@example.com>" }, []want{{"email", "email_format", Error}}},
		{"email space", func(c *Contact) { c.Email = "wang @example.com" }, []want{{"email", "email_format", Error}}},
		{"basis contract", func(c *Contact) { c.LegalBasis, c.ConsentDate = BasisContract, "" }, nil},
		{"basis public", func(c *Contact) { c.LegalBasis, c.ConsentDate = BasisPublic, "" }, nil},
		{"basis statutory", func(c *Contact) { c.LegalBasis, c.ConsentDate = BasisStatutory, "" }, nil},
		{"consent date in the future", func(c *Contact) { c.ConsentDate = "2099-01-01" }, []want{{"consent_date", "consent_date_future", Error}}},
		{"basis unknown", func(c *Contact) { c.LegalBasis = "legitimate_interest" }, []want{{"legal_basis", "legal_basis_unknown", Error}}},
		{"consent without date", func(c *Contact) { c.ConsentDate = "" }, []want{{"consent_date", "consent_date_required", Error}}},
		{"consent date not real", func(c *Contact) { c.ConsentDate = "2025-02-29" }, []want{{"consent_date", "date_format", Error}}},
		{"consent date wrong form", func(c *Contact) { c.ConsentDate = "2025/03/08" }, []want{{"consent_date", "date_format", Error}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validContact()
			tt.mutate(c)
			checkProblems(t, KindContact, c.Validate(), tt.want)
		})
	}
}

func TestVisitValidate(t *testing.T) {
	tests := []struct {
		name string
		v    Visit
		want []want
	}{
		{"valid", Visit{EnterpriseID: "e", Date: "2025-03-08"}, nil},
		{"empty", Visit{}, []want{{"enterprise_id", "required", Error}, {"date", "required", Error}}},
		{"bad date", Visit{EnterpriseID: "e", Date: "2025-13-08"}, []want{{"date", "date_format", Error}}},
		{"typed date", Visit{EnterpriseID: "e", Date: "2025年3月8日"}, []want{{"date", "date_format", Error}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkProblems(t, KindVisit, tt.v.Validate(), tt.want) })
	}
}

func TestProjectValidate(t *testing.T) {
	tests := []struct {
		name string
		p    Project
		want []want
	}{
		{"valid", Project{EnterpriseID: "e", Name: "年产50万套玩具", IndustryCode: "2451", InvestmentWan: ptr(30000.0),
			FixedAssetWan: ptr(25000.0), LandMu: ptr(50.0), PlotRatio: ptr(1.2), Jobs: ptr(200)}, nil},
		{"nothing known yet", Project{EnterpriseID: "e"}, nil},
		{"no enterprise", Project{}, []want{{"enterprise_id", "required", Error}}},
		{"bad industry", Project{EnterpriseID: "e", IndustryCode: "24-51"}, []want{{"industry_code", "industry_code_format", Error}}},
		{"plot ratio zero", Project{EnterpriseID: "e", PlotRatio: ptr(0.0)}, []want{{"plot_ratio", "plot_ratio_range", Error}}},
		{"plot ratio negative", Project{EnterpriseID: "e", PlotRatio: ptr(-1.0)}, []want{{"plot_ratio", "plot_ratio_range", Error}}},
		{"plot ratio 10", Project{EnterpriseID: "e", PlotRatio: ptr(10.0)}, nil},
		{"plot ratio 10.01", Project{EnterpriseID: "e", PlotRatio: ptr(10.01)}, []want{{"plot_ratio", "plot_ratio_range", Error}}},
		{"plot ratio NaN", Project{EnterpriseID: "e", PlotRatio: ptr(math.NaN())}, []want{{"plot_ratio", "plot_ratio_range", Error}}},
		{"fixed asset above total", Project{EnterpriseID: "e", InvestmentWan: ptr(100.0), FixedAssetWan: ptr(120.0)},
			[]want{{"fixed_asset_wan", "fixed_asset_exceeds_investment", Warning}}},
		{"every figure negative", Project{EnterpriseID: "e", InvestmentWan: ptr(-1.0), FixedAssetWan: ptr(-2.0),
			LandMu: ptr(-1.0), BuildingAreaM2: ptr(-1.0), PowerKVA: ptr(-1.0), WaterTPD: ptr(-1.0),
			WastewaterTPD: ptr(-1.0), EnergyTce: ptr(-1.0), SolventTPY: ptr(-1.0), OutputWan: ptr(-1.0),
			TaxWan: ptr(-1.0), Jobs: ptr(-1)}, []want{
			{"investment_wan", "negative", Error}, {"fixed_asset_wan", "negative", Error},
			{"land_mu", "negative", Error}, {"building_area_m2", "negative", Error},
			{"power_kva", "negative", Error}, {"water_tpd", "negative", Error},
			{"wastewater_tpd", "negative", Error}, {"energy_tce", "negative", Error},
			{"solvent_tpy", "negative", Error}, {"output_wan", "negative", Error},
			{"tax_wan", "negative", Error}, {"jobs", "negative", Error}}},
		{"infinite land", Project{EnterpriseID: "e", LandMu: ptr(math.Inf(1))}, []want{{"land_mu", "not_a_number", Error}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkProblems(t, KindProject, tt.p.Validate(), tt.want) })
	}
}

func TestTaskValidate(t *testing.T) {
	tests := []struct {
		name string
		tk   Task
		want []want
	}{
		{"valid", Task{EnterpriseID: "e", Title: "回访", Due: "2025-03-08"}, nil},
		{"empty", Task{}, []want{{"enterprise_id", "required", Error}, {"title", "required", Error}, {"due", "required", Error}}},
		{"bad due", Task{EnterpriseID: "e", Title: "回访", Due: "2025-04-31"}, []want{{"due", "date_format", Error}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkProblems(t, KindTask, tt.tk.Validate(), tt.want) })
	}
}

// TestValidateReportsEveryProblemAtOnce: a record with many faults gets
// all of them in one call, errors and warnings together.
func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	e := &Enterprise{Name: strings.Repeat("名", 101), CreditCode: "91350100M000100Y44", IndustryCode: "ZZ",
		RegionCode: "12", Employees: ptr(-3), RevenueWan: ptr(-1.0), Stage: StageDropped}
	checkProblems(t, KindEnterprise, e.Validate(), []want{
		{"name", "too_long", Error}, {"credit_code", "credit_code_check", Warning},
		{"industry_code", "industry_code_format", Error}, {"region_code", "region_code_format", Error},
		{"employees", "negative", Error}, {"revenue_wan", "negative", Error},
		{"close_reason", "close_reason_required", Error},
	})
	ps := e.Validate()
	if len(ps.Errors()) != 6 || len(ps.Warnings()) != 1 {
		t.Errorf("Errors()=%d Warnings()=%d, want 6 and 1", len(ps.Errors()), len(ps.Warnings()))
	}

	c := &Contact{Mobile: "13800", Phone: "abc", Email: "x", LegalBasis: BasisConsent}
	checkProblems(t, KindContact, c.Validate(), []want{
		{"enterprise_id", "required", Error}, {"name", "required", Error}, {"mobile", "mobile_format", Error},
		{"phone", "phone_format", Error}, {"email", "email_format", Error},
		{"consent_date", "consent_date_required", Error},
	})
}

func TestValidateMessages(t *testing.T) {
	c := &Contact{EnterpriseID: "e", Name: "王", Mobile: "13800", LegalBasis: BasisPublic}
	ps := c.Validate()
	if len(ps) != 1 {
		t.Fatalf("problems = %+v", ps)
	}
	if ps[0].Zh != "手机号码 13800 不是有效的中国大陆手机号" {
		t.Errorf("Zh = %q", ps[0].Zh)
	}
	if ps[0].En != "mobile 13800 is not a valid mainland China mobile number" {
		t.Errorf("En = %q", ps[0].En)
	}
	c = &Contact{EnterpriseID: "e", Name: "王", Mobile: "{f}", LegalBasis: BasisPublic}
	if ps := c.Validate(); len(ps) != 1 || ps[0].Zh != "手机号码 {f} 不是有效的中国大陆手机号" {
		t.Errorf("a value containing the label placeholder: %+v", ps)
	}
	e := &Enterprise{Stage: StageLead}
	if ps := e.Validate(); len(ps) != 1 || ps[0].Zh != "企业名称为必填项" || ps[0].En != "name is required" {
		t.Errorf("problems = %+v", ps)
	}
}

// TestRequiredHelper covers the helper the referral and screening rules use.
func TestRequiredHelper(t *testing.T) {
	if ps := required("from_zone", "上虞经开区"); len(ps) != 0 {
		t.Errorf("required with a value = %+v", ps)
	}
	ps := required("from_zone", " ")
	if len(ps) != 1 || ps[0].Rule != "required" || ps[0].Zh != "转出开发区为必填项" || ps[0].En != "from zone is required" {
		t.Errorf("required(from_zone, blank) = %+v", ps)
	}
}
