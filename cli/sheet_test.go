package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/shanhaifield/shanhai/spreadsheet"
)

// TestExportImportXLSXRoundTrip: export xlsx → import into an empty store
// → export gives the same records (JSON lines compared) and the same
// workbook cells.
func TestExportImportXLSXRoundTrip(t *testing.T) {
	src := t.TempDir()
	seedStore(t, src)
	want := mustRun(t, src, "", "export", "--format", "json")
	first := filepath.Join(t.TempDir(), "export.xlsx")
	mustRun(t, src, "", "export", "--format", "xlsx", "--out", first)
	dst := t.TempDir()
	if out := mustRun(t, dst, "", "import", first); !strings.Contains(out, "8 records") {
		t.Errorf("import printed %q, want 8 records", out)
	}
	if got := mustRun(t, dst, "", "export", "--format", "json"); got != want {
		t.Fatalf("round trip changed the store:\nbefore:\n%s\nafter:\n%s", want, got)
	}
	second := filepath.Join(t.TempDir(), "again.xlsx")
	mustRun(t, dst, "", "export", "--format", "xlsx", "--out", second)
	a, b := readTables(t, first), readTables(t, second)
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("xlsx cells differ after the round trip")
	}
	if len(a) != 7 || a[0].Sheet != "企业" || a[0].Rows[0][0] != "编号" || a[0].Rows[0][5] != "企业名称" {
		t.Errorf("sheets/headers: %d sheets, first %s %q", len(a), a[0].Sheet, a[0].Rows[0])
	}
}

func readTables(t *testing.T, path string) []spreadsheet.Table {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tabs, err := spreadsheet.ReadXLSX(f, "")
	if err != nil {
		t.Fatal(err)
	}
	return tabs
}

// foreignXLSX is a list as a chamber of commerce might send it: a title
// row, the header on row 3, a merged enterprise cell over two contacts,
// numbers stored as text, a lower-case credit code and a bad row.
func foreignXLSX(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := "重点企业"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"2026年重点招商企业名单"},
		{},
		{"序号", "公司名称", "统一社会信用代码", "联系人", "职务", "手机", "员工人数", "投资额（万元）"},
		{1, exampleEnterpriseName, strings.ToLower(exampleCreditCode), "何向平", "总经理", "+86 138-0013-8000", "３５０", "12,000"},
		{2, nil, nil, "张三", "副总", "139 0013 9000", nil, nil},
		{3, "杭州示例科技有限公司", exampleOtherCredit, "李四", "", "12345", "", ""},
		{4, "景宁示例教具有限公司", "", "王五", "", "13700137000", "80", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range [][2]string{{"B4", "B5"}, {"C4", "C5"}, {"G4", "G5"}, {"H4", "H5"}, {"A1", "H1"}} {
		if err := f.MergeCell(sh, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "名单.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestImportForeignXLSX: dry run counts, then the import, then the error
// workbook fixed and imported again; nothing is ever duplicated.
func TestImportForeignXLSX(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, dir, "", "add", "enterprise", "--name", exampleEnterpriseName)
	file := foreignXLSX(t)
	errs := filepath.Join(t.TempDir(), "errors.xlsx")

	dry := run(t, dir, "", "import", file, "--dry-run")
	if dry.code != ExitFailure || !strings.Contains(dry.out, "共 4 行：新增 1，更新 2，未变 0，疑似重复 0，无效 1") ||
		!strings.Contains(dry.out, "dry run") {
		t.Fatalf("dry run: exit %d\nstdout %s\nstderr %s", dry.code, dry.out, dry.err)
	}
	if n := mustRun(t, dir, "", "list", "contact"); n != "" && strings.Contains(n, "何向平") {
		t.Fatalf("dry run wrote contacts: %s", n)
	}

	r := run(t, dir, "", "import", file, "--errors", errs)
	for _, want := range []string{"工作表「重点企业」第 6 行 列「手机」", "sheet 重点企业 row 6", "表头在第 3 行", "公司名称 → 企业 企业名称 (enterprise.name)"} {
		if !strings.Contains(r.err, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.err)
		}
	}
	if !strings.Contains(r.out, "新建联系人 3") || !strings.Contains(r.out, "修改企业 1") || !strings.Contains(r.out, "新建企业 1") {
		t.Errorf("stdout: %s", r.out)
	}
	list := mustRun(t, dir, "", "list", "enterprise")
	if strings.Count(list, exampleEnterpriseName) != 1 {
		t.Errorf("enterprise duplicated:\n%s", list)
	}

	// The user fixes the mobile in the error workbook and imports it.
	ef, err := excelize.OpenFile(errs)
	if err != nil {
		t.Fatal(err)
	}
	sheet := ef.GetSheetList()[0]
	if v, _ := ef.GetCellValue(sheet, "I2"); !strings.Contains(v, "手机") {
		t.Errorf("错误原因 cell = %q", v)
	}
	if err := ef.SetCellValue(sheet, "F2", "13600136000"); err != nil {
		t.Fatal(err)
	}
	if err := ef.Save(); err != nil {
		t.Fatal(err)
	}
	ef.Close()
	fixed := run(t, dir, "", "import", errs)
	if fixed.code != ExitOK || !strings.Contains(fixed.out, "共 1 行：新增 1") {
		t.Fatalf("fixed import: exit %d\n%s\n%s", fixed.code, fixed.out, fixed.err)
	}
	again := run(t, dir, "", "import", file)
	if !strings.Contains(again.out, "新增 0，更新 0，未变 3") {
		t.Errorf("second import: %s", again.out)
	}
}

// TestImportForeignGBKCSV: a GBK csv as Excel in China saves it.
func TestImportForeignGBKCSV(t *testing.T) {
	dir := t.TempDir()
	text := "企业名称,联系人,联系电话,所属行业\r\n景宁示例玩具有限公司,何向平,13800138000,2451\r\n"
	data, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "list.csv")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	mapping := filepath.Join(t.TempDir(), "mapping.json")
	out := mustRun(t, dir, "", "import", file, "--save-mapping", mapping)
	if !strings.Contains(out, "新增 1") {
		t.Errorf("stdout %s", out)
	}
	if got := mustRun(t, dir, "", "list", "contact"); !strings.Contains(got, "何向平") {
		t.Errorf("contacts: %s", got)
	}
	m, err := os.ReadFile(mapping)
	if err != nil || !bytes.Contains(m, []byte(`"联系电话": "contact.phone"`)) {
		t.Errorf("saved mapping %s (%v)", m, err)
	}
	if r := run(t, dir, "", "import", file, "--mapping", mapping); r.code != ExitOK || !strings.Contains(r.out, "未变 1") {
		t.Errorf("reimport with mapping: %d %s %s", r.code, r.out, r.err)
	}
}

// TestExportFilter: --stage keeps the enterprises at that stage and their
// records only, in every format.
func TestExportFilter(t *testing.T) {
	dir := t.TempDir()
	ent := seedStore(t, dir)
	tests := []struct {
		args []string
		want []string // in the JSON lines
		not  []string
	}{
		{[]string{"--stage", "签约"}, []string{"杭州示例科技有限公司"}, []string{exampleEnterpriseName, "何向平"}},
		{[]string{"--enterprise", ent}, []string{exampleEnterpriseName, "何向平", "智力玩具生产基地"}, []string{"杭州示例科技有限公司"}},
		{[]string{"--zone", "景宁经济开发区", "--kind", "contact"}, nil, []string{"何向平"}},
		{[]string{"--tag", "玩具", "--kind", "contact"}, []string{"何向平"}, []string{exampleEnterpriseName}},
	}
	for _, tt := range tests {
		out := mustRun(t, dir, "", append([]string{"export", "--format", "json"}, tt.args...)...)
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("export %v lacks %q:\n%s", tt.args, w, out)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(out, w) {
				t.Errorf("export %v has %q", tt.args, w)
			}
		}
	}
	if r := run(t, dir, "", "export", "--stage", "nope"); r.code != ExitUsage {
		t.Errorf("unknown stage: exit %d", r.code)
	}
}

// TestImportNothingToImport: a sheet with no recognisable header fails
// with a reason instead of reporting zero rows as success.
func TestImportNothingToImport(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(t.TempDir(), "x.csv")
	if err := os.WriteFile(file, []byte("甲,乙\n1,2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "", "import", file)
	if r.code != ExitFailure || !strings.Contains(r.err, "没有可导入的表") {
		t.Errorf("exit %d, stderr %s", r.code, r.err)
	}
}
