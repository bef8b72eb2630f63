package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/screening"
)

// ruleNames are the rules as the verdict table names them.
var ruleNames = map[string]string{
	screening.RulePositioning:     "产业定位",
	screening.RuleNegativeCode:    "生态负面清单（行业）",
	screening.RuleNegativeProcess: "生态负面清单（工艺）",
	screening.RuleTwoHigh:         "“两高”项目",
	screening.RuleHighEnergy:      "高耗能行业",
	screening.RuleVOC:             "挥发性有机物（VOCs）",
	screening.RuleEIA:             "环评类别",
	screening.RuleThirdClass:      "三类工业项目",
	screening.RuleEnergy:          "年综合能耗上限",
	screening.RuleWater:           "用水量上限",
	screening.RuleWastewater:      "废水排放上限",
	screening.RuleSolvent:         "溶剂型原辅料",
	screening.RuleInvestment:      "投资强度",
	screening.RuleTaxPerMu:        "亩均税收",
	screening.RulePlotRatio:       "容积率",
	screening.RuleNationalFloors:  "国家工业用地控制指标",
	screening.RuleSiteLand:        "可供用地",
	screening.RuleSitePower:       "供电能力",
	screening.RuleSiteWater:       "供水能力",
	screening.RuleSiteSpecial:     "特殊需求",
}

// ruleName names a rule, falling back to its id for a rule added later.
func ruleName(id string) string {
	if n, ok := ruleNames[id]; ok {
		return n
	}
	return id
}

// Screening writes the 筛查报告 of a stored screening run: the candidate
// and the figures it was checked with, then for every zone the verdict
// and every rule with its outcome, reason and figures, and the rule-pack
// version and date.
func Screening(w io.Writer, rec *record.Screening, made time.Time) error {
	cand, results, err := screening.FromRecord(rec)
	if err != nil {
		return fmt.Errorf("screening report: %w", err)
	}
	d := newDoc("筛查报告", made)
	name := "（未知企业）"
	if cand.Enterprise != nil && cand.Enterprise.Name != "" {
		name = cand.Enterprise.Name
	}
	d.subtitle(fmt.Sprintf("%s · 规则包 %s（%s）· 筛查于 %s · 记录 %s",
		name, rec.PackVersion, orDash(rec.PackDate), rec.CreatedAt.Local().Format("2006-01-02"), rec.ID))

	d.heading("一、筛查结论")
	for _, r := range results {
		cr, cg, cb := verdictColour(r.Verdict)
		d.badge(r.Verdict.Chinese(), cr, cg, cb, fmt.Sprintf("%s（%s）· 匹配度 %s", orDash(r.ZoneName), r.ZoneID, strconv.FormatFloat(r.Score, 'f', 2, 64)))
		d.gap(1)
	}

	d.heading("二、候选项目与所用数据")
	candidateFields(d, cand)

	for i, r := range results {
		d.heading(fmt.Sprintf("%s、%s：%s", chineseOrdinal(i+3), orDash(r.ZoneName), r.Verdict.Chinese()))
		d.note(fmt.Sprintf("规则包 %s，发布日期 %s。硬性规则不通过即不准入；其余规则不通过需研判。", r.PackVersion, orDash(r.PackDate)))
		d.gap(1)
		for _, rr := range r.Rules {
			hard := ""
			if rr.Hard {
				hard = "（硬性）"
			}
			d.subheading(fmt.Sprintf("【%s】%s%s", rr.Outcome.Chinese(), ruleName(rr.Rule), hard))
			d.para(rr.Zh)
			if f := figures(rr); f != "" {
				d.note(f)
			}
			d.gap(1.5)
		}
	}
	d.gap(4)
	d.note("本报告由山海招商外勤根据所存筛查记录生成；规则与数据来源见规则包。标注“示例数据”的门槛值尚待开发区核实。")
	return d.write(w)
}

// candidateFields lists the enterprise and project figures screening read.
func candidateFields(d *doc, c screening.Candidate) {
	if e := c.Enterprise; e != nil {
		d.field("企业名称", e.Name)
		d.field("统一社会信用代码", e.CreditCode)
		d.field("所属行业", e.IndustryCode)
		d.field("地址", e.Address)
		d.field("员工人数", intText(e.Employees))
		d.field("年营业收入", numText(e.RevenueWan, "万元"))
	}
	p := c.Project
	if p == nil {
		d.note("未关联项目：用地、投资等数据缺失，相关规则记为“数据不足”。")
		return
	}
	d.gap(1)
	d.field("项目名称", p.Name)
	d.field("项目行业", p.IndustryCode)
	d.field("总投资", numText(p.InvestmentWan, "万元"))
	d.field("固定资产投资", numText(p.FixedAssetWan, "万元"))
	d.field("用地", numText(p.LandMu, "亩"))
	d.field("建筑面积", numText(p.BuildingAreaM2, "平方米"))
	d.field("容积率", numText(p.PlotRatio, ""))
	d.field("预计年产值", numText(p.OutputWan, "万元"))
	d.field("预计年税收", numText(p.TaxWan, "万元"))
	d.field("预计就业", intText(p.Jobs))
	d.field("用电容量", numText(p.PowerKVA, "千伏安"))
	d.field("用水量", numText(p.WaterTPD, "吨/日"))
	d.field("废水排放量", numText(p.WastewaterTPD, "吨/日"))
	d.field("年综合能耗", numText(p.EnergyTce, "吨标准煤"))
	d.field("溶剂型原辅料", numText(p.SolventTPY, "吨/年"))
	d.field("生产工艺", strings.Join(p.Processes, "、"))
	d.field("特殊需求", strings.Join(p.SpecialNeeds, "、"))
}

// figures is the line of numbers a rule compared.
func figures(rr screening.RuleResult) string {
	var parts []string
	if rr.Field != "" {
		zh, _ := record.FieldLabel(record.KindProject, rr.Field)
		switch {
		case rr.Outcome == screening.Missing:
			parts = append(parts, zh+"：缺失")
		case rr.Value != 0: // 0 is "not a figure" for rules that match words
			parts = append(parts, fmt.Sprintf("%s：%s", zh, fmtNum(rr.Value)))
		}
	}
	if rr.Threshold != 0 {
		parts = append(parts, "门槛："+fmtNum(rr.Threshold))
	}
	if rr.Upper != 0 {
		parts = append(parts, "上限："+fmtNum(rr.Upper))
	}
	if rr.Code != "" {
		parts = append(parts, "行业代码："+rr.Code)
	}
	if rr.Match != "" {
		parts = append(parts, "命中："+rr.Match)
	}
	if rr.Year != 0 {
		parts = append(parts, fmt.Sprintf("标准年份：%d", rr.Year))
	}
	if rr.Tag != "" {
		parts = append(parts, "链条："+rr.Tag.Chinese())
	}
	return strings.Join(parts, "；")
}

func verdictColour(v screening.Verdict) (int, int, int) {
	switch v {
	case screening.Admit:
		return 46, 125, 50
	case screening.Review:
		return 230, 145, 0
	}
	return 198, 40, 40
}

func chineseOrdinal(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	if n <= 10 {
		return digits[n]
	}
	if n < 20 {
		return "十" + digits[n-10]
	}
	return strconv.Itoa(n)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func fmtNum(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

func numText(v *float64, unit string) string {
	if v == nil {
		return ""
	}
	return fmtNum(*v) + " " + unit
}

func intText(v *int) string {
	if v == nil {
		return ""
	}
	return strconv.Itoa(*v)
}
