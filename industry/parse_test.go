package industry

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"reflect"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/assets"
)

const small = "code,level,name,parent,note\n" +
	"C,section,制造业,,包括13～43大类\n" +
	"36,division,汽车制造业,C,\n" +
	"367,group,汽车零部件及配件制造,36,\n" +
	"3670,class,汽车零部件及配件制造,367,\n"

func TestParseSmall(t *testing.T) {
	tests := []struct{ name, in string }{
		{"plain", small},
		{"BOM and CRLF", "\ufeff" + strings.ReplaceAll(small, "\n", "\r\n")},
		{"blanks around fields", strings.ReplaceAll(small, ",", " , ")},
		{"children before parents", "code,level,name,parent,note\n" +
			"3670,class,汽车零部件及配件制造,367,\n367,group,汽车零部件及配件制造,36,\n" +
			"36,division,汽车制造业,C,\nC,section,制造业,,\n"},
	}
	for _, tt := range tests {
		tab, err := Parse(strings.NewReader(tt.in))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var got []string
		for _, c := range tab.Ancestors("3670") {
			got = append(got, c.Code)
		}
		if strings.Join(got, ">") != "3670>367>36>C" {
			t.Errorf("%s: Ancestors(3670) = %v", tt.name, got)
		}
	}
}

func TestParseErrors(t *testing.T) {
	head := "code,level,name,parent,note\n"
	tests := []struct {
		name     string
		in       string
		wantLine int
		wantCode string
		wantErr  error
	}{
		{"wrong header", "code,name\nC,section,制造业,,\n", 1, "", ErrHeader},
		{"empty file", "", 0, "", ErrEmptyTable},
		{"header only", head, 0, "", ErrEmptyTable},
		{"too few columns", head + "C,section,制造业,\n", 2, "C", ErrColumns},
		{"unknown level", head + "C,门类,制造业,,\n", 2, "C", ErrLevel},
		{"shape vs level", small + "368,class,x,36,\n", 6, "368", ErrShape},
		{"letter as division", head + "CC,division,x,C,\n", 2, "CC", ErrShape},
		{"division 98", head + "T,section,国际组织,,\n98,division,x,T,\n", 3, "98", ErrRange},
		{"section U", head + "U,section,x,,\n", 2, "U", ErrRange},
		{"empty name", small + "3671,class, ,367,\n", 6, "3671", ErrName},
		{"division under wrong section", small + "44,division,x,C,\n", 6, "44", ErrParent},
		{"class under wrong group", small + "3680,class,x,367,\n", 6, "3680", ErrParent},
		{"section with parent", head + "C,section,制造业,A,\n", 2, "C", ErrParent},
		{"duplicate", small + "367,group,again,36,\n", 6, "367", ErrDuplicate},
		{"missing parent", small + "3611,class,汽柴油车整车制造,361,\n", 6, "3611", ErrMissingParent},
		{"bad UTF-8", small + "3671,class,\xff\xfe,367,\n", 6, "3671", ErrEncoding},
		// A quoted note spanning two lines moves later rows down a line.
		{"line after multi-line field", head + "C,section,制造业,,\"two\nlines\"\n36,division,x,B,\n", 4, "36", ErrParent},
	}
	for _, tt := range tests {
		_, err := Parse(strings.NewReader(tt.in))
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s: err = %v, want *ParseError", tt.name, err)
			continue
		}
		if pe.Line != tt.wantLine || pe.Code != tt.wantCode || !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: got line %d code %q err %v; want line %d code %q err %v",
				tt.name, pe.Line, pe.Code, pe.Err, tt.wantLine, tt.wantCode, tt.wantErr)
		}
	}
}

func TestParseCSVSyntaxError(t *testing.T) {
	_, err := Parse(strings.NewReader(small + "3671,class,bad\"quote,367,\n"))
	var pe *ParseError
	var ce *csv.ParseError
	if !errors.As(err, &pe) || !errors.As(err, &ce) || pe.Line != 6 {
		t.Fatalf("err = %v; want *ParseError at line 6 wrapping *csv.ParseError", err)
	}
}

func TestParseErrorMessages(t *testing.T) {
	e := &ParseError{Line: 12, Code: "3670", Err: ErrDuplicate}
	if got, want := e.Error(), `industry table line 12 (code "3670"): duplicate code`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := e.Chinese(), "行业分类表第 12 行（代码 3670）：代码重复"; got != want {
		t.Errorf("Chinese() = %q, want %q", got, want)
	}
	e = &ParseError{Err: ErrEmptyTable}
	if got, want := e.Chinese(), "行业分类表：表中没有数据行"; got != want {
		t.Errorf("Chinese() = %q, want %q", got, want)
	}
	e = &ParseError{Line: 3, Err: errors.New("csv noise")}
	if got, want := e.Chinese(), "行业分类表第 3 行：文件格式错误"; got != want {
		t.Errorf("Chinese() = %q, want %q", got, want)
	}
}

// The embedded file parsed by Parse gives the very table Load returns.
func TestParseEmbeddedMatchesLoad(t *testing.T) {
	data, err := fs.ReadFile(assets.Industry(), assets.IndustryTablePath)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := Parse(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(tab.All(), mustLoad(t).All()) {
		t.Error("Parse(embedded) differs from Load()")
	}
}
