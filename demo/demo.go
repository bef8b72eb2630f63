// Package demo provides example data for a first start: about twenty
// Zhejiang enterprises with contacts, projects, visits and follow-ups, so
// a new user can try every screen before importing real data.
//
// Every name, person and figure here is invented (an example, not a real
// company); region codes are real GB/T 2260 ADCODEs and zone IDs are those
// of the bundled rule pack.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/shanhaifield/shanhai/record"
)

// Creator stores new records; *storage.Store satisfies it. Going through
// the store makes the demo records real: validated, indexed, versioned.
type Creator interface {
	Create(ctx context.Context, rec record.Record) error
}

// company is one demo enterprise and what hangs off it.
type company struct {
	name, short, industry, region, zone string
	stage                               record.Stage
	contact, title, mobile              string
	project                             string
	investWan, landMu                   float64
	visit                               string // summary of the last visit; empty for none
	task                                string // follow-up title; empty for none
	dueDays                             int    // follow-up due this many days from today
}

// companies is the demo data set (invented; see the package comment).
var companies = []company{
	{"绍兴海川智能装备有限公司", "海川智能", "3491", "330604", "shangyu", record.StageNegotiating, "王建国", "总经理", "13805751234", "智能装备生产基地", 32000, 85, "参观上虞经开区标准厂房，企业关注用电容量", "报送用地指标测算", 0},
	{"浙江青山新材料有限公司", "青山新材", "2661", "330683", "shangyu", record.StageLead, "陈丽华", "董事长助理", "13905752345", "电子化学品扩产项目", 18000, 40, "", "首次拜访", 2},
	{"宁波东港物流有限公司", "东港物流", "5920", "330206", "", record.StageSigned, "林志强", "副总经理", "13706743456", "", 0, 0, "签约仪式后回访，确认开工时间", "", 0},
	{"衢州绿源生物科技有限公司", "绿源生物", "2761", "330802", "longyou", record.StageVisited, "周敏", "研发总监", "13857004567", "生物制剂中试线", 9500, 30, "介绍龙游经开区政策，企业愿意来考察", "安排实地考察", 5},
	{"丽水云和精密机械有限公司", "云和精密", "3484", "331125", "songyang", record.StageStarted, "吴海峰", "总经理", "13967805678", "精密零部件二期", 12000, 45, "二期厂房已开工，询问人才公寓", "", 0},
	{"杭州湾数字电子有限公司", "湾区数电", "3974", "330100", "suichang", record.StageProducing, "赵雪", "行政经理", "13588016789", "", 0, 0, "", "", 0},
	{"温州瓯江鞋业有限公司", "瓯江鞋业", "1952", "330300", "", record.StageLead, "郑成", "厂长", "13757707890", "", 0, 0, "", "电话回访意向", 6},
	{"金华义新日用品有限公司", "义新日用", "2439", "330782", "jingning", record.StageNegotiating, "黄晓燕", "外联主管", "13616898901", "教具玩具生产线", 6800, 28, "企业希望景宁提供标准厂房过渡", "准备厂房租金方案", 1},
	{"湖州南浔森联家居有限公司", "森联家居", "2110", "330503", "nanxun", record.StageVisited, "沈伟", "总经理", "13511229012", "定制家居智能工厂", 25000, 70, "谈到环评和喷涂工艺", "核实喷涂溶剂用量", 3},
	{"台州天和汽车部件有限公司", "天和汽配", "3670", "331023", "tiantai", record.StageNegotiating, "叶建", "董事长", "13906760123", "大车配零部件项目", 15000, 52, "看中天台汽配产业配套", "起草投资协议初稿", 4},
	{"嘉兴禾创高端装备有限公司", "禾创装备", "3424", "330402", "jiaxing", record.StageLead, "许文", "投资经理", "13857311234", "", 0, 0, "", "", 0},
	{"遂昌云智数据科技有限公司", "云智数据", "6450", "331123", "suichang", record.StageSigned, "毛志远", "技术总监", "13567892345", "数据标注中心", 3000, 0, "签约后落实办公场地", "", 0},
	{"龙游恒远特种纸业有限公司", "恒远纸业", "2221", "330825", "longyou", record.StageProducing, "徐国华", "总经理", "13757033456", "", 0, 0, "", "", 0},
	{"松阳精工仪表有限公司", "精工仪表", "4014", "331124", "songyang", record.StageVisited, "刘芳", "办公室主任", "13905784567", "智能仪表产线", 8000, 25, "企业关注物流成本", "提供物流补贴政策", 8},
	{"上虞晶禾医药化工有限公司", "晶禾医药", "2710", "330604", "shangyu", record.StageNegotiating, "钱伟明", "副总裁", "13867545678", "原料药扩产", 40000, 120, "讨论环评等级和排水指标", "约环保部门预审", 2},
	{"湖州长兴锂能科技有限公司", "长兴锂能", "3841", "330522", "huzhou", record.StageLead, "蒋磊", "战略部经理", "13819236789", "", 0, 0, "", "", 0},
	{"景宁畲乡木玩有限公司", "畲乡木玩", "2452", "331127", "jingning", record.StageStarted, "蓝海燕", "总经理", "13587997890", "木制玩具二期", 4200, 18, "项目开工，需协调用工", "对接人社局招工", 9},
	{"龙游翼飞无人机有限公司", "翼飞无人机", "3744", "330825", "longyou", record.StageNegotiating, "方毅", "创始人", "13905708901", "无人机整机装配", 11000, 35, "需要试飞空域", "协调试飞空域", 1},
	{"宁波北仑港航装备有限公司", "港航装备", "3731", "330206", "", record.StageDropped, "孙涛", "总经理", "13605749012", "", 0, 0, "企业决定留在原址扩建", "", 0},
	{"温州瑞安汽摩配件有限公司", "瑞安汽配", "3670", "330381", "tiantai", record.StageVisited, "潘晓东", "采购总监", "13958800123", "汽配产能转移", 7600, 30, "考虑转移部分产能到山区县", "寄送天台经开区资料", 0},
}

// Load creates the demo records through c, with visit dates before today
// and follow-ups due from today on. It returns how many enterprises it
// created. Run it on an empty store: on a store that already holds these
// names it would create duplicates.
func Load(ctx context.Context, c Creator, today time.Time) (int, error) {
	ids := make([]string, len(companies))
	for i, co := range companies {
		id, err := loadCompany(ctx, c, co, i, today)
		if err != nil {
			return i, fmt.Errorf("demo enterprise %d %s: %w", i+1, co.name, err)
		}
		ids[i] = id
	}
	if r, ok := c.(Referrer); ok {
		if err := loadReferrals(ctx, r, ids, today); err != nil {
			return len(companies), err
		}
	}
	return len(companies), nil
}

// Referrer sends referrals the way the store does, marking the
// enterprise 转介; *storage.Store satisfies it. Load adds the demo
// referrals only when c is one.
type Referrer interface {
	Refer(ctx context.Context, ref *record.Referral) error
}

// referrals are the demo referrals: index into companies, zones, reason.
var referrals = []struct {
	company          int
	from, to, reason string
	sentDaysAgo      int
}{
	{15, "huzhou", "suichang", "企业需要较大用地，湖州经开区近期无合适地块（演示数据）", 3},
	{19, "tiantai", "shangyu", "企业希望靠近整车厂配套（演示数据）", 20},
}

func loadReferrals(ctx context.Context, r Referrer, ids []string, today time.Time) error {
	for _, ref := range referrals {
		rec := &record.Referral{EnterpriseID: ids[ref.company], FromZone: ref.from, ToZone: ref.to, Reason: ref.reason,
			Status: record.ReferralPending, SentOn: day(today, -ref.sentDaysAgo), Deadline: day(today, 15-ref.sentDaysAgo)}
		if err := r.Refer(ctx, rec); err != nil {
			return fmt.Errorf("demo referral of %s: %w", companies[ref.company].name, err)
		}
	}
	return nil
}

// Size is the number of enterprises Load creates.
func Size() int { return len(companies) }

func loadCompany(ctx context.Context, c Creator, co company, i int, today time.Time) (string, error) {
	e := &record.Enterprise{Name: co.name, ShortName: co.short, IndustryCode: co.industry, RegionCode: co.region,
		ZoneID: co.zone, Stage: co.stage, Source: "演示数据", Notes: "演示数据：企业与人物均为虚构"}
	if co.stage.Closed() {
		e.CloseReason = "企业决定留在原址扩建"
	}
	if err := c.Create(ctx, e); err != nil {
		return "", err
	}
	var children []record.Record
	person := &record.Contact{EnterpriseID: e.ID, Name: co.contact, Title: co.title,
		Mobile: co.mobile, LegalBasis: record.BasisPublic}
	if co.stage.Closed() {
		// A card from before legal bases were recorded: the retention
		// review (设置 → 个人信息保留期审查) then has something to show.
		person.LegalBasis = ""
	}
	children = append(children, person)
	if co.project != "" {
		p := &record.Project{EnterpriseID: e.ID, Name: co.project, IndustryCode: co.industry, Timeline: "2027年内开工"}
		p.InvestmentWan = ptr(co.investWan)
		if co.landMu > 0 {
			p.LandMu = ptr(co.landMu)
		}
		children = append(children, p)
	}
	if co.visit != "" {
		children = append(children, &record.Visit{EnterpriseID: e.ID, Date: day(today, -7-i), Place: "企业现场",
			Summary: co.visit, Outcome: "有意向", NextStep: co.task})
	}
	if co.task != "" {
		children = append(children, &record.Task{EnterpriseID: e.ID, Title: co.task, Due: day(today, co.dueDays)})
	}
	for _, r := range children {
		if err := c.Create(ctx, r); err != nil {
			return "", fmt.Errorf("%s: %w", r.Kind(), err)
		}
	}
	return e.ID, nil
}

func day(today time.Time, offset int) string {
	return today.AddDate(0, 0, offset).Format(time.DateOnly)
}

func ptr[T any](v T) *T { return &v }
