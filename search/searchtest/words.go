package searchtest

// Name stems: two characters, one from each list, in the style of
// registered 字号. Made up; any real company sharing one is a coincidence.
// 四联, 恒达, 华鑫 and 景宁 come out of these lists.
var (
	stemFirst  = []rune("四恒华景金鑫宏永天新中东盛伟博瑞康泰信诚安嘉汇海远力源通德富荣兴昌隆凯锦亿万佳美立大利晨旭阳光明星辰")
	stemSecond = []rune("联达鑫宁盛源泰发兴丰通力华升威龙虹辉诚邦宇航科捷途安和顺成德")
)

// industry is a name's 行业表述 and its code. Codes are GB/T 4754-2017
// 《国民经济行业分类》 (with amendment No. 1, 2019) divisions, groups or
// classes; which code a name word maps to is an example choice.
type industry struct {
	word, code string
}

var industries = []industry{
	{"玩具", "245"},     // 玩具制造
	{"机械", "34"},      // 通用设备制造业
	{"电子", "39"},      // 计算机、通信和其他电子设备制造业
	{"汽车零部件", "3670"}, // 汽车零部件及配件制造
	{"新材料", "26"},     // 化学原料和化学制品制造业 (example)
	{"纺织", "17"},      // 纺织业
	{"服饰", "18"},      // 纺织服装、服饰业
	{"家具", "21"},      // 家具制造业
	{"竹木制品", "20"},    // 木材加工和木、竹、藤、棕、草制品业
	{"食品", "14"},      // 食品制造业
	{"茶业", "1530"},    // 精制茶加工
	{"医药", "27"},      // 医药制造业
	{"塑料制品", "292"},   // 塑料制品业
	{"五金", "33"},      // 金属制品业
	{"阀门", "3443"},    // 阀门和旋塞制造
	{"泵业", "3441"},    // 泵及真空设备制造
	{"电机", "381"},     // 电机制造
	{"光伏科技", "3825"},  // 光伏设备及元器件制造
	{"新能源", "3841"},   // 锂离子电池制造 (example)
	{"智能装备", "35"},    // 专用设备制造业 (example)
	{"文具", "241"},     // 文教办公用品制造
	{"鞋业", "195"},     // 制鞋业
	{"包装", "2231"},    // 纸和纸板容器制造
	{"软件", "65"},      // 软件和信息技术服务业
	{"科技", "75"},      // 科技推广和应用服务业
	{"建材", "30"},      // 非金属矿物制品业
	{"化工", "26"},      // 化学原料和化学制品制造业
	{"环保科技", "77"},    // 生态保护和环境治理业
	{"贸易", "51"},      // 批发业
	{"仓储物流", "59"},    // 装卸搬运和仓储业
}

// Legal forms as they end registered names (《公司法》 requires 有限责任公司
// or 有限公司, 股份有限公司 or 股份公司 in a company's name). Repeats weight
// the common ones.
var legalForms = []string{
	"有限公司", "有限公司", "有限公司", "有限公司", "股份有限公司",
	"有限责任公司", "集团有限公司", "厂",
}

// Common surnames, roughly by frequency (公安部户政管理研究中心《二〇二〇年
// 全国姓名报告》 top names first; the tail is examples). Earlier ones are
// drawn more often.
var surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文单")

// Characters for given names; examples.
var givenChars = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红梅玉兰文斌波宇浩鑫晨辉婷雪琳欣怡佳俊宁林峰海燕晓东")

// Titles (职务) of contacts; examples.
var titles = []string{
	"董事长", "总经理", "副总经理", "财务总监", "办公室主任", "行政经理",
	"销售经理", "技术总监", "厂长", "投资部经理",
}

// Mobile number blocks (号段) allocated to China Mobile, China Unicom,
// China Telecom and China Broadnet under MIIT's 《电信网编号计划（2017年版）》;
// a subset, as examples.
var mobilePrefixes = []string{
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
	"150", "151", "152", "153", "155", "156", "157", "158", "159",
	"166", "176", "177", "178", "180", "181", "182", "183", "184", "185",
	"186", "187", "188", "189", "191", "192", "198", "199",
}
