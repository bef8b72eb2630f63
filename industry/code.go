package industry

// Level is the depth of a code in the classification.
type Level string

// The four levels of GB/T 4754-2017, as written in the CSV level column.
const (
	Section  Level = "section"  // 门类: one capital letter A–T
	Division Level = "division" // 大类: two digits 01–97
	Group    Level = "group"    // 中类: three digits, division + one
	Class    Level = "class"    // 小类: four digits, group + one
)

// Chinese returns the level's name in the standard (门类, 大类, 中类, 小类),
// or "" for an unknown level.
func (l Level) Chinese() string {
	switch l {
	case Section:
		return "门类"
	case Division:
		return "大类"
	case Group:
		return "中类"
	case Class:
		return "小类"
	}
	return ""
}

// depth orders the levels from section (1) to class (4); 0 means unknown.
func (l Level) depth() int {
	switch l {
	case Section:
		return 1
	case Division:
		return 2
	case Group:
		return 3
	case Class:
		return 4
	}
	return 0
}

// Code is one row of the classification.
type Code struct {
	Code   string // "C", "36", "367", "3670"
	Name   string // official Chinese name
	Parent string // code one level up; "" for a section
	Level  Level
	Note   string // scope or verification remark from the data file
}

// levelOfShape tells the level a code's shape implies, or "" if the shape
// is not a code. It checks only characters and length, not the range.
func levelOfShape(code string) Level {
	if len(code) == 1 && code[0] >= 'A' && code[0] <= 'Z' {
		return Section
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return ""
		}
	}
	switch len(code) {
	case 2:
		return Division
	case 3:
		return Group
	case 4:
		return Class
	}
	return ""
}
