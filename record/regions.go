package record

// Place names that open (or sit in brackets inside) enterprise names:
// 行政区划 + 字号 + 行业 + 组织形式 is the usual order of a registered name.
//
// Source: GB/T 2260 names as published in the NBS 统计用区划代码 2023,
// machine-readable in GitHub modood/Administrative-divisions-of-China,
// dist/provinces.csv (commit a9f6e38), dist/cities.csv (commit 2824502)
// and dist/areas.csv (commit 0b7fd75), the copy named in domain-rules.md §0.

// provinceNames are the 31 mainland province-level divisions with their
// official suffix, and the short forms firms use ("浙江", "广西", "内蒙古").
var provinceNames = []string{
	"北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省",
	"上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省",
	"湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省",
	"云南省", "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
	"北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江",
	"上海", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南",
	"湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州",
	"云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
}

// zhejiangCities are Zhejiang's 11 prefecture-level cities (cities.csv,
// codes 3301–3311), with and without 市.
var zhejiangCities = []string{
	"杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市", "丽水市",
	"杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水",
}

// zhejiangCounties are Zhejiang's county-level divisions (areas.csv, codes
// 3301xx–3311xx, excluding the 温州经济技术开发区 statistical unit), with
// their 区/县/市 suffix. Only the suffixed form is stripped as a name
// prefix: bare county names (长兴, 安吉, 龙游) are often the distinctive
// part of a firm's name, and stripping them would merge different firms.
var zhejiangCounties = []string{
	"上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "富阳区", "临安区", "临平区", "钱塘区",
	"桐庐县", "淳安县", "建德市",
	"海曙区", "江北区", "北仑区", "镇海区", "鄞州区", "奉化区", "象山县", "宁海县", "余姚市", "慈溪市",
	"鹿城区", "龙湾区", "瓯海区", "洞头区", "永嘉县", "平阳县", "苍南县", "文成县", "泰顺县",
	"瑞安市", "乐清市", "龙港市",
	"南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市",
	"吴兴区", "南浔区", "德清县", "长兴县", "安吉县",
	"越城区", "柯桥区", "上虞区", "新昌县", "诸暨市", "嵊州市",
	"婺城区", "金东区", "武义县", "浦江县", "磐安县", "兰溪市", "义乌市", "东阳市", "永康市",
	"柯城区", "衢江区", "常山县", "开化县", "龙游县", "江山市",
	"定海区", "普陀区", "岱山县", "嵊泗县",
	"椒江区", "黄岩区", "路桥区", "三门县", "天台县", "仙居县", "温岭市", "临海市", "玉环市",
	"莲都区", "青田县", "缙云县", "遂昌县", "松阳县", "云和县", "庆元县", "景宁畲族自治县", "龙泉市",
}

// bracketRegionExtras may stand in brackets after a 字号 without being a
// division on the lists above: "（中国）" / "(China)", and 景宁's usual
// short form.
var bracketRegionExtras = []string{"中国", "china", "景宁"}
