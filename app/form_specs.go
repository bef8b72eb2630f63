package app

import (
	"fyne.io/fyne/v2/lang"

	"github.com/shanhaifield/shanhai/record"
)

// enterpriseSpecs are the fields of the enterprise form, in tab order.
func enterpriseSpecs(ref *reference) []fieldSpec {
	stages := make([]option, 0, len(record.Stages))
	for _, s := range record.Stages {
		stages = append(stages, option{string(s), stageLabel(s)})
	}
	zones := []option{{"", lang.X("form.no_zone", "（未定）")}}
	if ref.pack != nil {
		for _, z := range ref.pack.Zones() {
			zones = append(zones, option{z.ID, z.ShortNameIn(englishUI())})
		}
	}
	return []fieldSpec{
		{name: "name", placeholder: lang.X("form.ph_name", "营业执照上的全称")},
		{name: "short_name"},
		{name: "credit_code", placeholder: lang.X("form.ph_credit", "18位，如 91330604MA2D8XXXXX")},
		{name: "credit_code_confirmed", input: inputCheck, placeholder: lang.X("form.credit_confirm", "校验位不符，我已核对营业执照，仍按此保存")},
		{name: "industry_code", placeholder: lang.X("form.ph_industry", "国民经济行业代码，如 3670 或 C")},
		{name: "region_code", placeholder: lang.X("form.ph_region", "六位行政区划代码，如 330604")},
		{name: "address"},
		{name: "employees", input: inputInt},
		{name: "revenue_wan", input: inputNumber},
		{name: "stage", input: inputChoice, options: stages},
		{name: "close_reason"},
		{name: "zone_id", input: inputChoice, options: zones},
		{name: "source"},
		{name: "notes", input: inputMultiline},
	}
}

// contactSpecs are the fields of the contact form.
func contactSpecs() []fieldSpec {
	return []fieldSpec{
		{name: "name"},
		{name: "title"},
		{name: "mobile", placeholder: lang.X("form.ph_mobile", "如 138 0575 1234")},
		{name: "phone", placeholder: lang.X("form.ph_phone", "如 0575-8123456")},
		{name: "wechat"},
		{name: "email"},
		{name: "legal_basis", input: inputChoice, options: legalBasisOptions()},
		{name: "consent_date", placeholder: lang.X("form.ph_consent_date", "取得同意或核实的日期，YYYY-MM-DD")},
		{name: "consent_note", input: inputMultiline, placeholder: lang.X("form.ph_consent_note", "如：2025年3月走访时当面同意留存手机号")},
	}
}

// legalBases are the PIPL article 13 grounds the contact form offers,
// the commonest first. Extend it with the record package's list.
func legalBases() []record.LegalBasis {
	out := []record.LegalBasis{}
	for _, b := range record.LegalBases() {
		out = append(out, b.Basis)
	}
	return out
}

// legalBasisOptions are the choices of the 合法性基础 select.
func legalBasisOptions() []option {
	out := make([]option, 0, len(legalBases()))
	for _, b := range legalBases() {
		out = append(out, option{string(b), legalBasisLabel(b)})
	}
	return out
}

// projectSpecs are the fields of the project and site-requirement form.
func projectSpecs() []fieldSpec {
	specs := []fieldSpec{{name: "name"}, {name: "industry_code", placeholder: lang.X("form.ph_industry", "国民经济行业代码，如 3670 或 C")}}
	for _, f := range []string{"investment_wan", "fixed_asset_wan", "land_mu", "building_area_m2", "plot_ratio",
		"power_kva", "water_tpd", "wastewater_tpd", "energy_tce", "solvent_tpy"} {
		specs = append(specs, fieldSpec{name: f, input: inputNumber})
	}
	return append(specs,
		fieldSpec{name: "processes", input: inputList, placeholder: lang.X("form.ph_list", "多项用顿号分隔")},
		fieldSpec{name: "output_wan", input: inputNumber},
		fieldSpec{name: "tax_wan", input: inputNumber},
		fieldSpec{name: "jobs", input: inputInt},
		fieldSpec{name: "special_needs", input: inputList, placeholder: lang.X("form.ph_list", "多项用顿号分隔")},
		fieldSpec{name: "timeline"},
	)
}

// visitSpecs are the fields of the full visit form.
func visitSpecs() []fieldSpec {
	return []fieldSpec{
		{name: "date", placeholder: lang.X("form.ph_date", "YYYY-MM-DD")},
		{name: "place"},
		{name: "participants", input: inputList, placeholder: lang.X("form.ph_list", "多项用顿号分隔")},
		{name: "summary", input: inputMultiline},
		{name: "outcome"},
		{name: "next_step"},
	}
}
