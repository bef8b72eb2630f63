package screening

import (
	"strconv"

	"github.com/shanhaifield/shanhai/rulepack"
)

// Explain fills every rule's Chinese and English reason from its key and
// figures. It needs nothing but the result, so a result read back from
// storage can be explained again.
func (r *Result) Explain() {
	for i := range r.Rules {
		rr := &r.Rules[i]
		rr.Zh, rr.En = reason(r.ZoneName, rr)
		if rr.Evidence == rulepack.Example && rr.Outcome != Missing {
			rr.Zh += "（规则包示例数据，待开发区核实）"
			rr.En += " (example figure in the rule pack, to be confirmed by the zone)"
		}
	}
}

// The reasons are built by concatenation rather than fmt: one allocation
// per sentence keeps Check cheap enough to run on every keystroke.
func reason(zone string, rr *RuleResult) (zh, en string) {
	switch rr.Rule {
	case RulePositioning:
		return positioningReason(zone, rr)
	case RuleNegativeCode, RuleNegativeProcess, RuleTwoHigh, RuleHighEnergy, RuleVOC, RuleThirdClass:
		return ecoReason(zone, rr)
	case RuleEIA:
		return eiaReason(zone, rr)
	case RuleEnergy, RuleWater, RuleWastewater, RuleSolvent:
		return capReason(zone, rr)
	case RuleInvestment, RuleTaxPerMu, RulePlotRatio, RuleNationalFloors:
		return landReason(zone, rr)
	case RuleSiteLand, RuleSitePower, RuleSiteWater, RuleSiteSpecial:
		return siteReason(zone, rr)
	case RuleZone:
		return "规则包中没有开发区「" + rr.Subject + "」", "zone " + strconv.Quote(rr.Subject) + " is not in the rule pack"
	}
	return rr.Key, rr.Key
}

func positioningReason(zone string, rr *RuleResult) (string, string) {
	chainZh, chainEn := "", ""
	if rr.Chain != "" {
		chainZh = "，位于" + rr.ChainName + rr.Role.Chinese()
		chainEn = ", " + string(rr.Role) + " in chain " + rr.Chain
	}
	switch rr.Key {
	case "no_code":
		return "缺少行业代码（国民经济行业分类），无法判断产业定位", "industry code missing: cannot judge positioning"
	case "bad_code":
		return "行业代码「" + rr.Code + "」不是有效的 GB/T 4754-2017 代码，无法判断产业定位",
			"industry code " + strconv.Quote(rr.Code) + " is not a valid GB/T 4754-2017 code"
	case "leading":
		return "行业代码 " + rr.Code + " 属" + zone + "主导产业「" + rr.Subject + "」（" + rr.Match + "）" + chainZh + "（" + rr.Tag.Chinese() + "）",
			"code " + rr.Code + " is within " + zone + "'s leading industry " + rr.Subject + " (" + rr.Match + ")" + chainEn + " (" + string(rr.Tag) + ")"
	case "chain":
		return "行业代码 " + rr.Code + " 属" + rr.ChainName + rr.Role.Chinese() + "环节（" + rr.Match + " " + rr.Subject + "），可为" + zone + rr.Tag.Chinese(),
			"code " + rr.Code + " is " + string(rr.Role) + " in chain " + rr.Chain + " (" + rr.Match + "); it would " + string(rr.Tag) + " " + zone + "'s chain"
	case "coarse":
		return "行业代码 " + rr.Code + " 过粗，" + zone + "主导产业「" + rr.Subject + "」为 " + rr.Match + "，请细化行业代码后再研判",
			"code " + rr.Code + " is too coarse; " + zone + " leads " + rr.Subject + " (" + rr.Match + "): give a finer code"
	}
	return "行业代码 " + rr.Code + " 不符合" + zone + "产业定位（主导产业：" + rr.Subject + "），也不在其产业链上下游",
		"code " + rr.Code + " fits neither " + zone + "'s leading industries (" + rr.Subject + ") nor its chains"
}

var ecoNames = map[string][2]string{
	RuleTwoHigh:    {"两高行业", "a high-energy high-emission (两高) sector"},
	RuleHighEnergy: {"高耗能行业", "a high-energy sector"},
	RuleVOC:        {"VOCs重点行业", "a VOC key sector"},
	RuleThirdClass: {"三类工业项目", "a class-3 (heavy-pollution) industrial project"},
}

func ecoReason(zone string, rr *RuleResult) (string, string) {
	if zh, en, ok := ecoSpecific(zone, rr); ok {
		return zh, en
	}
	hit := rr.Match + " " + rr.Subject
	name := ecoNames[rr.Rule]
	switch rr.Key {
	case "no_code":
		return "缺少行业代码，无法判断是否属" + name[0], "industry code missing: cannot tell whether it is " + name[1]
	case "none":
		return "不属" + name[0], "not " + name[1]
	}
	solvent := ""
	if rr.Rule == RuleVOC {
		solvent = "，年用溶剂型原辅料 " + num(rr.Value) + " 吨"
	}
	head, headEn := "属"+name[0]+"（"+hit+"）"+solvent+"，"+zone, name[1]+" ("+hit+"): "+zone
	switch rr.Key {
	case "rejected":
		return head + "不接受", headEn + " does not admit it"
	case "review":
		return head + "需研判", headEn + " reviews it"
	}
	return head + "允许", headEn + " allows it"
}

// ecoSpecific covers the sentences that do not follow the sector pattern.
func ecoSpecific(zone string, rr *RuleResult) (string, string, bool) {
	hit := rr.Match + " " + rr.Subject
	switch rr.Rule + "/" + rr.Key {
	case RuleNegativeCode + "/no_thresholds":
		return "规则包未录入" + zone + "的生态门槛，无法判断生态准入", "the pack has no eco thresholds for " + zone, true
	case RuleNegativeCode + "/no_code":
		return "缺少行业代码，无法对照" + zone + "负面清单", "industry code missing: cannot check " + zone + "'s negative list", true
	case RuleNegativeCode + "/none":
		return "行业代码 " + rr.Code + " 不在" + zone + "负面清单内", "code " + rr.Code + " is not on " + zone + "'s negative list", true
	case RuleNegativeCode + "/hit":
		return "行业代码 " + rr.Code + " 属" + zone + "负面清单（" + hit + "），不予准入",
			"code " + rr.Code + " is on " + zone + "'s negative list (" + hit + ")", true
	case RuleNegativeProcess + "/none_declared":
		return "项目未申报电镀、印染等特殊工艺", "no special process (electroplating, dyeing…) declared", true
	case RuleNegativeProcess + "/none":
		return "申报工艺不涉及" + zone + "负面清单工艺", "no declared process is on " + zone + "'s negative list", true
	case RuleNegativeProcess + "/hit":
		return "工艺「" + rr.Match + "」属" + rr.Subject + "，在" + zone + "负面清单内，不予准入",
			"process " + strconv.Quote(rr.Match) + " (" + rr.Subject + ") is on " + zone + "'s negative list", true
	case RuleThirdClass + "/cluster_only":
		return "属三类工业项目（" + rr.Subject + "），须位于" + zone + "产业集聚重点管控单元",
			"class-3 project (" + rr.Subject + "): only in " + zone + "'s industrial-cluster control units", true
	case RuleThirdClass + "/rejected":
		return "属三类工业项目（" + rr.Subject + "），" + zone + "不接受（三类项目仅可进入产业集聚重点管控单元）",
			"class-3 project (" + rr.Subject + "): " + zone + " admits none", true
	case RuleVOC + "/no_solvent_figure":
		return "属VOCs重点行业（" + hit + "），缺少年用溶剂型涂料、油墨、胶粘剂量（吨），无法判断",
			"VOC key sector (" + hit + "): annual solvent use (t) missing", true
	case RuleVOC + "/no_solvent":
		return "属VOCs重点行业（" + hit + "），不使用溶剂型原辅料", "VOC key sector (" + hit + ") but no solvent use", true
	}
	return "", "", false
}

func eiaReason(zone string, rr *RuleResult) (string, string) {
	no := strconv.Itoa(int(rr.Value))
	row, rowEn := "名录第"+no+"项 "+rr.Subject, "catalogue row "+no
	class, limit := rr.Class.Chinese(), rr.Limit.Chinese()
	switch rr.Key {
	case "no_code":
		return "缺少行业代码，无法确定环评类别", "industry code missing: cannot tell the EIA class"
	case "not_listed":
		return "行业代码 " + rr.Code + " 未列入环评分类管理名录（2021年版），不纳入环评管理",
			"code " + rr.Code + " is not in the 2021 EIA catalogue: no EIA document"
	case "too_heavy":
		return "需编制" + class + "（" + row + "），" + zone + "仅接受至" + limit + "，不予准入",
			"needs an EIA " + string(rr.Class) + " (" + rowEn + "); " + zone + " admits at most " + string(rr.Limit)
	case "unknown":
		return "缺少年用溶剂型涂料量（吨），无法确定环评类别（" + row + " 可能需" + class + "，" + zone + "仅接受至" + limit + "）",
			"annual solvent use (t) missing: " + rowEn + " may need an EIA " + string(rr.Class) + "; " + zone + " admits at most " + string(rr.Limit)
	}
	return "环评类别：" + class + "（" + row + "），" + zone + "接受至" + limit,
		"EIA class " + string(rr.Class) + " (" + rowEn + "); " + zone + " admits up to " + string(rr.Limit)
}

var capNames = map[string][3]string{
	RuleEnergy:     {"年综合能耗", "吨标准煤", "annual energy use (tce)"},
	RuleWater:      {"用水量", "吨/日", "water use (t/d)"},
	RuleWastewater: {"废水排放量", "吨/日", "wastewater (t/d)"},
	RuleSolvent:    {"年用溶剂型涂料、油墨、胶粘剂", "吨", "solvent-based coatings, inks, adhesives (t/yr)"},
}

func capReason(zone string, rr *RuleResult) (string, string) {
	n := capNames[rr.Rule]
	v, t := num(rr.Value), num(rr.Threshold)
	switch rr.Key {
	case "no_cap":
		return zone + "未设" + n[0] + "上限", zone + " sets no cap on " + n[2]
	case "missing":
		return "缺少" + n[0] + "（" + n[1] + "），无法对照" + zone + "上限 " + t + " " + n[1],
			n[2] + " missing; " + zone + "'s cap is " + t
	case "over":
		return n[0] + " " + v + " " + n[1] + "，超过" + zone + "上限 " + t + " " + n[1],
			n[2] + " " + v + " exceeds " + zone + "'s cap " + t
	case "provincial_review":
		return "年综合能耗 " + v + " 吨标准煤，达到 " + num(rr.Upper) + " 吨标准煤，须经省级节能审查",
			"annual energy use " + v + " tce reaches " + num(rr.Upper) + " tce: provincial energy-saving review"
	}
	return n[0] + " " + v + " " + n[1] + "，未超过" + zone + "上限 " + t + " " + n[1],
		n[2] + " " + v + " within " + zone + "'s cap " + t
}
