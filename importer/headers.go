package importer

import (
	"strings"

	"github.com/shanhaifield/shanhai/record"
	"golang.org/x/text/width"
)

// synonyms are the headers lists in the field use for each target, beyond
// the labels our own export writes (record.FieldLabel), which are
// recognised too. Collected from typical 招商 lists, chamber-of-commerce
// member lists and enterprise-data vendor exports (examples, not a
// standard).
var synonyms = map[string][]string{
	"enterprise.name":          {"企业名称", "公司名称", "单位名称", "企业全称", "公司全称", "客户名称", "企业", "公司", "company", "companyname", "enterprise", "enterprisename"},
	"enterprise.short_name":    {"简称", "企业简称", "公司简称", "shortname"},
	"enterprise.credit_code":   {"统一社会信用代码", "信用代码", "社会信用代码", "统一信用代码", "统一代码", "creditcode", "uscc", "unifiedsocialcreditcode"},
	"enterprise.industry_code": {"行业", "所属行业", "行业代码", "行业分类", "国民经济行业代码", "industry", "industrycode"},
	"enterprise.region_code":   {"行政区划代码", "区划代码", "regioncode"},
	"enterprise.address":       {"地址", "注册地址", "企业地址", "公司地址", "经营地址", "通讯地址", "办公地址", "address"},
	"enterprise.employees":     {"员工人数", "从业人数", "职工人数", "员工数", "从业人员", "参保人数", "employees", "staff"},
	"enterprise.revenue_wan":   {"营业收入", "年营业收入", "营收", "营业收入(万元)", "年营业收入(万元)", "revenue"},
	"enterprise.stage":         {"阶段", "跟进阶段", "项目阶段", "stage"},
	"enterprise.tags":          {"标签", "tags", "tag"},
	"enterprise.notes":         {"备注", "说明", "notes", "note", "remark", "remarks"},
	"enterprise.source":        {"来源", "信息来源", "线索来源", "source"},
	"contact.name":             {"联系人", "联系人姓名", "姓名", "联系人名称", "contact", "contactname", "contactperson"},
	"contact.title":            {"职务", "职位", "联系人职务", "title", "position", "jobtitle"},
	"contact.mobile":           {"手机", "手机号", "手机号码", "移动电话", "联系人手机", "联系手机", "mobile", "mobilephone", "cellphone", "cell"},
	"contact.phone":            {"电话", "联系电话", "座机", "固定电话", "办公电话", "电话号码", "phone", "tel", "telephone"},
	"contact.email":            {"邮箱", "电子邮箱", "电子邮件", "邮件", "email", "e-mail", "mail"},
	"contact.wechat":           {"微信", "微信号", "wechat"},
	"project.name":             {"项目名称", "项目", "projectname", "project"},
	"project.investment_wan":   {"投资额", "总投资", "投资总额", "计划总投资", "投资额(万元)", "总投资(万元)", "investment"},
	"project.land_mu":          {"用地", "用地(亩)", "用地面积", "用地面积(亩)", "用地需求", "土地面积", "需求用地", "land", "landmu"},
}

// ignoredHeaders are headers staff lists carry that have no field in the
// store; they are recognised (so that header detection finds the row)
// but their values are not imported, and the import says so.
var ignoredHeaders = []string{"序号", "编号", "注册资本", "注册资本(万元)", "法定代表人", "法人", "成立日期", "经营范围", "企业类型", "登记状态", "no", "no."}

// headerKey folds a header for comparison: full-width to half-width,
// lower case, no spaces, no required-field marks or trailing colons.
func headerKey(h string) string {
	h = width.Fold.String(h)
	h = strings.ToLower(h)
	var b strings.Builder
	for _, r := range h {
		switch r {
		case ' ', '\t', '\n', '\r', '*', ':', '_', '\u00a0', '\u200b', '\ufeff':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Recogniser maps headers as written to targets. Build it once per
// import with NewRecogniser; it is read only afterwards.
type Recogniser struct {
	known   map[string]Target
	ignored map[string]bool
}

// NewRecogniser knows the synonyms above and every label of our own
// export (Chinese and English) for the importable fields.
func NewRecogniser() *Recogniser {
	r := &Recogniser{known: map[string]Target{}, ignored: map[string]bool{}}
	for t := range targetTypes() {
		zh, en := record.FieldLabel(t.Kind, t.Field)
		r.addOnce(zh, t)
		if t.Kind == record.KindEnterprise {
			r.addOnce(en, t) // contacts and projects share English words such as "name"
		}
	}
	for s, words := range synonyms {
		t, err := ParseTarget(s)
		if err != nil {
			continue // a typo in the table above; caught by TestSynonymsParse
		}
		for _, w := range words {
			r.known[headerKey(w)] = t // synonyms win over generated labels
		}
	}
	for _, h := range ignoredHeaders {
		r.ignored[headerKey(h)] = true
	}
	return r
}

// addOnce adds a label unless another field has it already.
func (r *Recogniser) addOnce(label string, t Target) {
	k := headerKey(label)
	if _, dup := r.known[k]; !dup {
		r.known[k] = t
	}
}

// Guess returns the target of a header, trying it as written and then
// without a trailing unit in brackets ("投资额（万元）" → 投资额).
func (r *Recogniser) Guess(header string) (Target, bool) {
	k := headerKey(header)
	if t, ok := r.known[k]; ok {
		return t, true
	}
	if i := strings.LastIndex(k, "("); i > 0 && strings.HasSuffix(k, ")") {
		t, ok := r.known[k[:i]]
		return t, ok
	}
	return Target{}, false
}

// Known reports whether a header is recognised, as a field or as a
// column known to have no field.
func (r *Recogniser) Known(header string) bool {
	if _, ok := r.Guess(header); ok {
		return true
	}
	k := headerKey(header)
	if i := strings.LastIndex(k, "("); i > 0 {
		k = k[:i]
	}
	return r.ignored[k] || r.ignored[headerKey(header)]
}
