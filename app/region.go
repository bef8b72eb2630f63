package app

import "fyne.io/fyne/v2/lang"

// zhejiangCities names Zhejiang's province and its eleven prefecture-level
// cities by ADCODE. Source: GB/T 2260 codes as published by the Ministry
// of Civil Affairs, "2023年中华人民共和国县以上行政区划代码" (unchanged for
// these twelve since 2000). County-level names belong in the reference
// data, not here; until then a county code is shown with its city.
var zhejiangCities = map[string]string{
	"330000": "浙江省",
	"330100": "杭州市", "330200": "宁波市", "330300": "温州市", "330400": "嘉兴市",
	"330500": "湖州市", "330600": "绍兴市", "330700": "金华市", "330800": "衢州市",
	"330900": "舟山市", "331000": "台州市", "331100": "丽水市",
}

// regionLabel turns an ADCODE into what the list shows: the city name,
// followed by the code when the code is finer than a city.
func regionLabel(code string) string {
	if code == "" {
		return lang.X("region.none", "未填地区")
	}
	if name, ok := zhejiangCities[code]; ok {
		return name
	}
	if len(code) == 6 {
		if city, ok := zhejiangCities[code[:4]+"00"]; ok {
			return city + " " + code
		}
	}
	return code
}
