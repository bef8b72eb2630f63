package record

// label is a field's name as users see it: Chinese for the UI, English for
// logs and the English UI.
type label struct{ zh, en string }

// metaLabels name the header fields every record shares.
var metaLabels = map[string]label{
	"id":         {"编号", "id"},
	"created_at": {"创建时间", "created at"},
	"updated_at": {"修改时间", "updated at"},
	"author":     {"修改人", "author"},
	"versions":   {"字段版本", "field versions"},
}

// kindLabels name every JSON field of every record kind.
var kindLabels = map[Kind]map[string]label{
	KindEnterprise: {
		"name":                  {"企业名称", "name"},
		"short_name":            {"企业简称", "short name"},
		"credit_code":           {"统一社会信用代码", "credit code"},
		"credit_code_confirmed": {"信用代码已确认", "credit code confirmed"},
		"industry_code":         {"所属行业", "industry code"},
		"region_code":           {"行政区划代码", "region code"},
		"address":               {"地址", "address"},
		"employees":             {"员工人数", "employees"},
		"revenue_wan":           {"年营业收入（万元）", "annual revenue (10k CNY)"},
		"stage":                 {"阶段", "stage"},
		"close_reason":          {"放弃/转介原因", "close reason"},
		"zone_id":               {"所属开发区", "zone"},
		"tags":                  {"标签", "tags"},
		"source":                {"来源", "source"},
		"notes":                 {"备注", "notes"},
	},
	KindContact: {
		"enterprise_id": {"所属企业", "enterprise"},
		"name":          {"姓名", "name"},
		"title":         {"职务", "title"},
		"mobile":        {"手机号码", "mobile"},
		"phone":         {"固定电话", "phone"},
		"wechat":        {"微信号", "WeChat"},
		"email":         {"电子邮箱", "email"},
		"legal_basis":   {"个人信息处理依据", "legal basis"},
		"consent_note":  {"同意情况说明", "consent note"},
		"consent_date":  {"同意日期", "consent date"},
	},
	KindVisit: {
		"enterprise_id": {"所属企业", "enterprise"},
		"date":          {"走访日期", "visit date"},
		"place":         {"走访地点", "place"},
		"participants":  {"参加人员", "participants"},
		"summary":       {"走访纪要", "summary"},
		"outcome":       {"走访成果", "outcome"},
		"next_step":     {"下一步工作", "next step"},
	},
	KindProject: {
		"enterprise_id":    {"所属企业", "enterprise"},
		"name":             {"项目名称", "project name"},
		"industry_code":    {"项目所属行业", "industry code"},
		"investment_wan":   {"总投资（万元）", "total investment (10k CNY)"},
		"fixed_asset_wan":  {"固定资产投资（万元）", "fixed-asset investment (10k CNY)"},
		"land_mu":          {"用地面积（亩）", "land (mu)"},
		"building_area_m2": {"建筑面积（平方米）", "building area (m²)"},
		"plot_ratio":       {"容积率", "plot ratio"},
		"power_kva":        {"用电容量（千伏安）", "power capacity (kVA)"},
		"water_tpd":        {"用水量（吨/日）", "water use (t/d)"},
		"wastewater_tpd":   {"废水排放量（吨/日）", "wastewater (t/d)"},
		"energy_tce":       {"年综合能耗（吨标准煤）", "annual energy use (tce)"},
		"solvent_tpy":      {"溶剂型原辅料用量（吨/年）", "solvent-based materials (t/yr)"},
		"processes":        {"生产工艺", "processes"},
		"output_wan":       {"预计年产值（万元）", "expected annual output (10k CNY)"},
		"tax_wan":          {"预计年税收（万元）", "expected annual tax (10k CNY)"},
		"jobs":             {"预计就业人数", "jobs"},
		"special_needs":    {"特殊需求", "special needs"},
		"timeline":         {"进度安排", "timeline"},
	},
	KindTask: {
		"enterprise_id": {"所属企业", "enterprise"},
		"title":         {"待办事项", "title"},
		"due":           {"截止日期", "due date"},
		"assignee":      {"负责人", "assignee"},
		"done":          {"已完成", "done"},
	},
	KindReferral: {
		"enterprise_id": {"所属企业", "enterprise"},
		"project_id":    {"关联项目", "project"},
		"from_zone":     {"转出开发区", "from zone"},
		"to_zone":       {"接收开发区", "to zone"},
		"reason":        {"转介理由", "reason"},
		"status":        {"转介状态", "status"},
		"deadline":      {"答复期限", "deadline"},
		"sent_on":       {"转出日期", "sent on"},
		"responded_on":  {"答复日期", "responded on"},
		"response":      {"答复意见", "response"},
		"landed_on":     {"落地日期", "landed on"},
		"screening_id":  {"关联筛查", "screening"},
	},
	KindScreening: {
		"enterprise_id": {"所属企业", "enterprise"},
		"project_id":    {"关联项目", "project"},
		"pack_version":  {"规则包版本", "rule pack version"},
		"pack_date":     {"规则包日期", "rule pack date"},
		"zones":         {"筛查开发区", "zones"},
		"inputs":        {"筛查输入", "inputs"},
		"results":       {"筛查结果", "results"},
	},
}

// FieldLabel names a JSON field of a record kind for users: Chinese for
// the UI, English for logs. Every field of every kind has a label,
// including the shared header fields (id, created_at …). For an unknown
// kind or field it returns the field name for both, so that a message
// still says which field it means.
func FieldLabel(kind Kind, field string) (zh, en string) {
	if l, ok := kindLabels[kind][field]; ok {
		return l.zh, l.en
	}
	if l, ok := metaLabels[field]; ok {
		return l.zh, l.en
	}
	return field, field
}
