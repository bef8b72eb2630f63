package cli

import "github.com/shanhaifield/shanhai/record"

// fieldLabel names a field for people, in Chinese and English; the record
// package owns the names so that the window and the CLI say the same.
func fieldLabel(kind record.Kind, name string) (zh, en string) {
	switch name {
	case "":
		return "", ""
	case "kind":
		return "类型", "kind"
	}
	zh, en = record.FieldLabel(kind, name)
	if zh == "" {
		zh = name
	}
	if en == "" {
		en = name
	}
	return zh, en
}

// kindZh is the Chinese name of a record kind.
func kindZh(kind record.Kind) string {
	switch kind {
	case record.KindEnterprise:
		return "企业"
	case record.KindContact:
		return "联系人"
	case record.KindVisit:
		return "走访"
	case record.KindProject:
		return "项目"
	case record.KindTask:
		return "待办"
	case record.KindReferral:
		return "转介"
	case record.KindScreening:
		return "筛查"
	}
	return string(kind)
}
