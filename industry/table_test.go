package industry

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/assets"
)

func mustLoad(t testing.TB) *Table {
	t.Helper()
	tab, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return tab
}

func TestLoadIsShared(t *testing.T) {
	a, b := mustLoad(t), mustLoad(t)
	if a != b {
		t.Error("Load parsed the embedded table twice; want one shared *Table")
	}
	if _, err := fs.Stat(assets.Industry(), "industry/SOURCE.md"); err != nil {
		t.Errorf("SOURCE.md not embedded beside the table: %v", err)
	}
}

// The counts GB/T 4754-2017 (amendment No. 1) gives for the levels we ship
// in full; a lost or doubled row in the data file shows up here.
func TestCounts(t *testing.T) {
	tab := mustLoad(t)
	count := func(level Level, lo, hi int) int {
		n := 0
		for _, c := range tab.All() {
			if c.Level != level {
				continue
			}
			if level == Section {
				n++
				continue
			}
			div := int(c.Code[0]-'0')*10 + int(c.Code[1]-'0')
			if div >= lo && div <= hi {
				n++
			}
		}
		return n
	}
	tests := []struct {
		what   string
		level  Level
		lo, hi int
		want   int
	}{
		{"门类", Section, 0, 0, 20},
		{"大类", Division, 1, 97, 97},
		{"C 大类", Division, 13, 43, 31},
		{"C 中类", Group, 13, 43, 179},
		{"C 小类", Class, 13, 43, 609},
		{"D 中类", Group, 44, 46, 9},
		{"D 小类", Class, 44, 46, 18},
		{"I 中类", Group, 63, 65, 17},
		{"I 小类", Class, 63, 65, 34},
		{"73 小类", Class, 73, 73, 5},
		{"75 小类", Class, 75, 75, 12},
	}
	for _, tt := range tests {
		if got := count(tt.level, tt.lo, tt.hi); got != tt.want {
			t.Errorf("%s: %d rows, want %d", tt.what, got, tt.want)
		}
	}
	if got, want := tab.Len(), 20+97+215+678; got != want {
		t.Errorf("Len = %d, want %d", got, want)
	}
}

// In the standard a group with a single class gives it the code group+"0"
// and the group's own name, and only then does a class code end in 0.
// Checking both directions catches most transcription slips.
func TestSingleClassGroups(t *testing.T) {
	tab := mustLoad(t)
	for _, g := range tab.All() {
		if g.Level != Group {
			continue
		}
		kids := tab.Children(g.Code)
		if len(kids) == 0 {
			t.Errorf("group %s %s has no classes", g.Code, g.Name)
			continue
		}
		for _, k := range kids {
			endsIn0 := strings.HasSuffix(k.Code, "0")
			switch {
			case len(kids) == 1 && (!endsIn0 || k.Name != g.Name):
				t.Errorf("only class of %s %s is %s %s; want %s0 with the same name", g.Code, g.Name, k.Code, k.Name, g.Code)
			case len(kids) > 1 && endsIn0:
				t.Errorf("class %s ends in 0 but group %s has %d classes", k.Code, g.Code, len(kids))
			}
		}
	}
}

func TestLookup(t *testing.T) {
	tab := mustLoad(t)
	tests := []struct {
		in, code, name, parent string
		level                  Level
	}{
		{"245", "245", "玩具制造", "24", Group},
		{"2451", "2451", "电玩具制造", "245", Class},
		{"2452", "2452", "塑胶玩具制造", "245", Class},
		{"2455", "2455", "娃娃玩具制造", "245", Class},
		{"2459", "2459", "其他玩具制造", "245", Class},
		{"2411", "2411", "文具制造", "241", Class},
		{"3963", "3963", "智能无人飞行器制造", "396", Class},
		{"3670", "3670", "汽车零部件及配件制造", "367", Class},
		{"367", "367", "汽车零部件及配件制造", "36", Group},
		{"3612", "3612", "新能源车整车制造", "361", Class},
		{"1713", "1713", "棉印染精加工", "171", Class},
		{"1743", "1743", "丝印染精加工", "174", Class},
		{"1762", "1762", "针织或钩针编织物印染精加工", "176", Class},
		{"3360", "3360", "金属表面处理及热处理加工", "336", Class},
		{"2221", "2221", "机制纸及纸板制造", "222", Class},
		{"3011", "3011", "水泥制造", "301", Class},
		{"3041", "3041", "平板玻璃制造", "304", Class},
		{"3741", "3741", "飞机制造", "374", Class},
		{"3843", "3843", "铅蓄电池制造", "384", Class},
		{"3973", "3973", "集成电路制造", "397", Class},
		{"4411", "4411", "火力发电", "441", Class},
		{"6513", "6513", "应用软件开发", "651", Class},
		{"7320", "7320", "工程和技术研究和试验发展", "732", Class},
		{"36", "36", "汽车制造业", "C", Division},
		{"97", "97", "国际组织", "T", Division},
		{"C", "C", "制造业", "", Section},
		{"c", "C", "制造业", "", Section},
		{"C3670", "3670", "汽车零部件及配件制造", "367", Class},
		{" c 3670 ", "3670", "汽车零部件及配件制造", "367", Class},
		{"３６７０", "3670", "汽车零部件及配件制造", "367", Class},
	}
	for _, tt := range tests {
		got, ok := tab.Lookup(tt.in)
		if !ok {
			t.Errorf("Lookup(%q): not found", tt.in)
			continue
		}
		if got.Code != tt.code || got.Name != tt.name || got.Parent != tt.parent || got.Level != tt.level {
			t.Errorf("Lookup(%q) = %+v, want %s %s parent %q level %s", tt.in, got, tt.code, tt.name, tt.parent, tt.level)
		}
	}
	for _, in := range []string{"", "0111", "3449", "6510", "9999", "98", "U", "A3670", "abc", "36700"} {
		if got, ok := tab.Lookup(in); ok {
			t.Errorf("Lookup(%q) = %+v, want not found", in, got)
		}
	}
}

func TestAncestors(t *testing.T) {
	tab := mustLoad(t)
	tests := []struct {
		in   string
		want []string
	}{
		{"3670", []string{"3670", "367", "36", "C"}},
		{"2451", []string{"2451", "245", "24", "C"}},
		{"652", []string{"652", "65", "I"}},
		{"44", []string{"44", "D"}},
		{"M", []string{"M"}},
		{"0111", nil}, // valid code, not shipped
		{"x", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range tab.Ancestors(tt.in) {
			got = append(got, c.Code)
		}
		if strings.Join(got, ">") != strings.Join(tt.want, ">") {
			t.Errorf("Ancestors(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSection(t *testing.T) {
	tab := mustLoad(t)
	tests := []struct{ in, want string }{
		{"0111", "A"}, {"05", "A"}, {"06", "B"}, {"12", "B"}, {"13", "C"}, {"3670", "C"},
		{"43", "C"}, {"4411", "D"}, {"46", "D"}, {"47", "E"}, {"5111", "F"}, {"52", "F"},
		{"53", "G"}, {"60", "G"}, {"61", "H"}, {"62", "H"}, {"6513", "I"}, {"66", "J"},
		{"69", "J"}, {"70", "K"}, {"71", "L"}, {"72", "L"}, {"7320", "M"}, {"75", "M"},
		{"76", "N"}, {"79", "N"}, {"80", "O"}, {"82", "O"}, {"83", "P"}, {"84", "Q"},
		{"85", "Q"}, {"86", "R"}, {"90", "R"}, {"91", "S"}, {"96", "S"}, {"9700", "T"},
		{"C", "C"}, {"C3670", "C"},
		{"00", ""}, {"98", ""}, {"U", ""}, {"", ""}, {"A3670", ""},
	}
	for _, tt := range tests {
		got, ok := tab.Section(tt.in)
		if tt.want == "" {
			if ok {
				t.Errorf("Section(%q) = %s, want none", tt.in, got.Code)
			}
			continue
		}
		if !ok || got.Code != tt.want || got.Level != Section {
			t.Errorf("Section(%q) = %+v, %v; want %s", tt.in, got, ok, tt.want)
		}
	}
	// Every division in the file hangs under the section the ranges give.
	for _, c := range tab.All() {
		if c.Level != Division {
			continue
		}
		if s, _ := tab.Section(c.Code); s.Code != c.Parent {
			t.Errorf("division %s: Section = %s, parent in file = %s", c.Code, s.Code, c.Parent)
		}
	}
}

func TestWithin(t *testing.T) {
	tab := mustLoad(t)
	tests := []struct {
		code, ancestor string
		want           bool
	}{
		{"3670", "3670", true},
		{"3670", "367", true},
		{"3670", "36", true},
		{"3670", "C", true},
		{"C3670", "c", true},
		{"3670", "37", false},
		{"3670", "D", false},
		{"36", "3670", false},
		{"C", "36", false},
		{"C", "C", true},
		{"5111", "F", true}, // not shipped, still placed by its division
		{"5111", "51", true},
		{"3963", "396", true},
		{"3963", "39", true},
		{"3963", "38", false},
		{"2451", "24", true},
		{"bad", "C", false},
		{"3670", "bad", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := tab.Within(tt.code, tt.ancestor); got != tt.want {
			t.Errorf("Within(%q, %q) = %v, want %v", tt.code, tt.ancestor, got, tt.want)
		}
	}
}

func TestChildren(t *testing.T) {
	tab := mustLoad(t)
	tests := []struct {
		in   string
		want string
	}{
		{"245", "2451,2452,2453,2454,2455,2456,2459"},
		{"374", "3741,3742,3743,3744,3749"},
		{"397", "3971,3972,3973,3974,3975,3976,3979"},
		{"36", "361,362,363,364,365,366,367"},
		{"M", "73,74,75"},
		{"3670", ""},
		{"51", ""}, // division shipped without groups
		{"zz", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range tab.Children(tt.in) {
			got = append(got, c.Code)
		}
		if strings.Join(got, ",") != tt.want {
			t.Errorf("Children(%q) = %v, want %s", tt.in, got, tt.want)
		}
	}
	if n := len(tab.Children("C")); n != 31 {
		t.Errorf("C has %d divisions, want 31", n)
	}
}

func TestSearch(t *testing.T) {
	tab := mustLoad(t)
	codes := func(cs []Code) string {
		var s []string
		for _, c := range cs {
			s = append(s, c.Code)
		}
		return strings.Join(s, ",")
	}
	tests := []struct {
		q     string
		limit int
		want  string
	}{
		{"玩具", 0, "245,2451,2452,2453,2454,2455,2459"},
		{"245", 0, "245,2451,2452,2453,2454,2455,2456,2459"},
		{"c245", 3, "245,2451,2452"},
		{"３６７", 0, "367,3670"},
		{"汽车 零部件", 0, "367,3670"},
		{"智能无人", 0, "3963"},
		{"印染精加工", 0, "171,1713,174,1743,175,1762"},
		{"367", 1, "367"},
		{"T", 0, "T,97"},
		{"A36", 0, ""},
		{"", 0, ""},
		{"   ", 0, ""},
		{"不存在的行业", 0, ""},
	}
	for _, tt := range tests {
		if got := codes(tab.Search(tt.q, tt.limit)); got != tt.want {
			t.Errorf("Search(%q, %d) = %s, want %s", tt.q, tt.limit, got, tt.want)
		}
	}
	// An exact code comes first even when the limit cuts the rest.
	if got := tab.Search("36", 1); len(got) != 1 || got[0].Code != "36" {
		t.Errorf("Search(36, 1) = %v, want [36]", got)
	}
	if got := len(tab.Search("C", 0)); got != 1+31+179+609 {
		t.Errorf("Search(C) found %d, want all of manufacturing (820)", got)
	}
}

func TestLevelChinese(t *testing.T) {
	tests := map[Level]string{Section: "门类", Division: "大类", Group: "中类", Class: "小类", "x": ""}
	for l, want := range tests {
		if got := l.Chinese(); got != want {
			t.Errorf("%q.Chinese() = %q, want %q", l, got, want)
		}
	}
}
