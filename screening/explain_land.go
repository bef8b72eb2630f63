package screening

import "strconv"

var landNames = map[string][3]string{
	RuleInvestment: {"固定资产投资强度", "万元/亩", "investment intensity (10k CNY/mu)"},
	RuleTaxPerMu:   {"亩均税收", "万元/亩", "tax per mu (10k CNY/mu)"},
}

var missingInputs = map[string][2]string{
	"fixed_asset_wan": {"固定资产投资（万元）", "fixed-asset investment (10k CNY)"},
	"tax_wan":         {"预计年税收（万元）", "expected annual tax (10k CNY)"},
	"land_mu":         {"用地面积（亩）", "land area (mu)"},
}

func landReason(zone string, rr *RuleResult) (string, string) {
	if rr.Rule == RuleNationalFloors {
		cov, adm := num(rr.Threshold*100), num(rr.Upper*100)
		return zone + "未录入用地标准，按国家底线：建筑系数不低于" + cov + "%，行政办公及生活服务设施用地不超过" + adm + "%，需在方案阶段核实",
			zone + " has no land standard: national floors apply (building coverage ≥ " + cov + "%, admin land ≤ " + adm + "%), check the plan"
	}
	if rr.Rule == RulePlotRatio {
		return plotReason(zone, rr)
	}
	n := landNames[rr.Rule]
	year := strconv.Itoa(rr.Year)
	basis, basisEn := zone+" "+year+" 标准", zone+"'s "+year+" standard"
	v, t := num(rr.Value), num(rr.Threshold)
	switch rr.Key {
	case "missing", "missing_land":
		in := missingInputs[rr.Field]
		return "缺少" + in[0] + "，无法计算" + shortName(rr.Rule), in[1] + " missing: cannot compute " + n[2]
	case "below":
		return n[0] + " " + v + " " + n[1] + "，低于" + basis + " " + t + " " + n[1], n[2] + " " + v + " is below " + basisEn + " of " + t
	case "meets":
		return n[0] + " " + v + " " + n[1] + "，达到" + basis + " " + t + " " + n[1], n[2] + " " + v + " meets " + basisEn + " of " + t
	}
	return n[0] + " " + v + " " + n[1] + "；" + zone + "未设该行业标准，需研判", n[2] + " " + v + "; " + zone + " sets no standard for this industry"
}

// shortName is the indicator as the "cannot compute" sentence says it.
func shortName(rule string) string {
	if rule == RuleInvestment {
		return "投资强度"
	}
	return "亩均税收"
}

func plotReason(zone string, rr *RuleResult) (string, string) {
	basis, basisEn := "国家控制指标", "the national floor"
	if rr.Year > 0 {
		year := strconv.Itoa(rr.Year)
		basis, basisEn = zone+" "+year+" 标准", zone+"'s "+year+" standard"
	}
	rng := "≥" + num(rr.Threshold)
	if rr.Upper > 0 {
		rng = num(rr.Threshold) + "–" + num(rr.Upper)
	}
	v := num(rr.Value)
	switch rr.Key {
	case "missing":
		return "缺少容积率（或建筑面积与用地面积），无法计算容积率", "plot ratio (or building and land area) missing"
	case "below":
		return "容积率 " + v + "，低于" + basis + "下限 " + num(rr.Threshold), "plot ratio " + v + " is below " + basisEn + " minimum " + num(rr.Threshold)
	case "above":
		return "容积率 " + v + "，高于" + basis + "上限 " + num(rr.Upper), "plot ratio " + v + " is above " + basisEn + " maximum " + num(rr.Upper)
	case "meets":
		return "容积率 " + v + "，符合" + basis + "（" + rng + "）", "plot ratio " + v + " within " + basisEn + " (" + rng + ")"
	}
	return "容积率 " + v + "；" + zone + "未设该行业容积率标准，需研判", "plot ratio " + v + "; " + zone + " sets no standard"
}

var siteNames = map[string][4]string{
	RuleSiteLand:  {"用地", "亩", "land", "mu"},
	RuleSitePower: {"电力", "kVA", "power", "kVA"},
	RuleSiteWater: {"用水", "吨/日", "water", "t/d"},
}

func siteReason(zone string, rr *RuleResult) (string, string) {
	if rr.Key == "no_carriers" {
		return "规则包未录入" + zone + "的可用载体，无法判断选址条件", "the pack lists no carriers for " + zone
	}
	if rr.Rule == RuleSiteSpecial {
		switch rr.Key {
		case "none":
			return "无特殊选址需求", "no special site needs"
		case "met":
			return "特殊需求「" + rr.Subject + "」：" + zone + "载体可提供「" + rr.Match + "」",
				"special need " + strconv.Quote(rr.Subject) + ": " + zone + " offers " + strconv.Quote(rr.Match)
		}
		return "特殊需求「" + rr.Subject + "」：" + zone + "载体无法满足",
			"special need " + strconv.Quote(rr.Subject) + ": no carrier in " + zone + " offers it"
	}
	n := siteNames[rr.Rule]
	v, t := num(rr.Value), num(rr.Threshold)
	switch rr.Key {
	case "missing":
		return "缺少" + n[0] + "需求（" + n[1] + "），无法匹配载体", n[2] + " need (" + n[3] + ") missing"
	case "gap":
		gap := num(rr.Value - rr.Threshold)
		return n[0] + "缺口 " + gap + " " + n[1] + "（需求 " + v + " " + n[1] + "，" + zone + "载体最大 " + t + " " + n[1] + "）",
			n[2] + " gap " + gap + " " + n[3] + " (needs " + v + ", " + zone + "'s largest carrier has " + t + ")"
	}
	return n[0] + "需求 " + v + " " + n[1] + "，" + zone + "载体可满足（最大 " + t + " " + n[1] + "）",
		n[2] + " need " + v + " " + n[3] + " met by " + zone + " (largest " + t + ")"
}
