package spreadsheet

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func gbk(t testing.TB, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		wantEnc  Encoding
		wantRows [][]string
		wantNums []int
	}{
		{"utf8", "企业名称,手机\n甲公司,138\n", UTF8, [][]string{{"企业名称", "手机"}, {"甲公司", "138"}}, []int{1, 2}},
		{"utf8 bom", "\ufeff企业名称,手机\n甲公司,138\n", UTF8, [][]string{{"企业名称", "手机"}, {"甲公司", "138"}}, []int{1, 2}},
		{"gbk", gbk(t, "企业名称,手机\r\n甲公司,138\r\n"), GB18030, [][]string{{"企业名称", "手机"}, {"甲公司", "138"}}, []int{1, 2}},
		{"ragged rows and quoted newline", "a,b\n\"x\ny\"\nc,d,e\n", UTF8, [][]string{{"a", "b"}, {"x\ny"}, {"c", "d", "e"}}, []int{1, 2, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, enc, err := ReadCSV(strings.NewReader(tt.data), "f.csv")
			if err != nil {
				t.Fatal(err)
			}
			if enc != tt.wantEnc {
				t.Errorf("encoding = %s, want %s", enc, tt.wantEnc)
			}
			if !reflect.DeepEqual(tab.Rows, tt.wantRows) || !reflect.DeepEqual(tab.Nums, tt.wantNums) {
				t.Errorf("rows = %q %v, want %q %v", tab.Rows, tab.Nums, tt.wantRows, tt.wantNums)
			}
		})
	}
}

// xlsxBytes builds a workbook: sheet name → cells by axis; merges are
// "A1:B2" ranges on the first sheet.
func xlsxBytes(t testing.TB, sheets map[string]map[string]any, merges ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	first := ""
	for name, cells := range sheets {
		if first == "" {
			first = name
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for axis, v := range cells {
			if err := f.SetCellValue(name, axis, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, m := range merges {
		a, b, _ := strings.Cut(m, ":")
		if err := f.MergeCell(first, a, b); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadXLSX(t *testing.T) {
	data := xlsxBytes(t, map[string]map[string]any{"名单": {
		"A1": "2026年重点企业名单", "A3": "企业名称", "B3": "联系人", "C3": "手机",
		"A4": "甲公司", "B4": "张三", "C4": "13800138000",
		"B5": "李四", "C5": 13900139000,
	}}, "A4:A5", "A1:C1")
	tabs, err := ReadXLSX(bytes.NewReader(data), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(tabs) != 1 {
		t.Fatalf("%d tables", len(tabs))
	}
	tab := tabs[0]
	want := [][]string{
		{"2026年重点企业名单", "2026年重点企业名单", "2026年重点企业名单"},
		{"企业名称", "联系人", "手机"},
		{"甲公司", "张三", "13800138000"},
		{"甲公司", "李四", "13900139000"},
	}
	if !reflect.DeepEqual(tab.Rows, want) || !reflect.DeepEqual(tab.Nums, []int{1, 3, 4, 5}) {
		t.Errorf("rows = %q %v", tab.Rows, tab.Nums)
	}
	known := map[string]bool{"企业名称": true, "联系人": true, "手机": true}
	if i, n := tab.HeaderRow(func(c string) bool { return known[c] }); i != 1 || n != 3 {
		t.Errorf("HeaderRow = %d, %d; want 1, 3", i, n)
	}
	if _, err := ReadXLSX(bytes.NewReader(data), "没有"); err == nil {
		t.Error("a missing sheet gave no error")
	}
	if _, err := ReadXLSX(strings.NewReader("not a zip"), ""); err == nil {
		t.Error("garbage gave no error")
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{" a ": "a", "\u3000企业\u00a0": "企业", "\ufeffx\r": "x", "": ""} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("企业名称,手机\n甲,138\n"))
	f.Add([]byte("\xef\xbb\xbfa,\"b\nc\",d\n"))
	f.Add([]byte(gbk(f, "企业名称\r\n乙公司\r\n")))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, _, err := ReadCSV(bytes.NewReader(data), "f.csv")
		if err == nil {
			tab.HeaderRow(func(string) bool { return true })
			if len(tab.Rows) != len(tab.Nums) {
				t.Fatalf("%d rows, %d numbers", len(tab.Rows), len(tab.Nums))
			}
		}
	})
}

func FuzzReadXLSX(f *testing.F) {
	f.Add(xlsxBytes(f, map[string]map[string]any{"S": {"A1": "企业名称", "A2": "甲", "B2": 1.5}}, "A2:B3"))
	f.Add(xlsxBytes(f, map[string]map[string]any{"S": {"A1": "x"}, "T": {"C9": "y"}}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tabs, err := ReadXLSX(bytes.NewReader(data), "")
		if err != nil {
			return
		}
		for _, tab := range tabs {
			if len(tab.Rows) != len(tab.Nums) {
				t.Fatalf("%d rows, %d numbers", len(tab.Rows), len(tab.Nums))
			}
		}
	})
}
