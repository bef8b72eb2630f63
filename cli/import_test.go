package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportRejectsWholeFile: one bad line rejects the file; every bad
// line is reported with its number and field errors; nothing is stored.
func TestImportRejectsWholeFile(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		content string
		want    []string // in stderr
	}{
		{
			name: "jsonl",
			file: "bad.jsonl",
			content: `{"kind":"enterprise","name":"浙江四联玩具有限公司"}` + "\n" +
				`{"kind":"enterprise","employees":"many","stage":"foo"}` + "\n" +
				"\n" +
				`{"kind":"nope"}` + "\n" +
				`not json` + "\n",
			want: []string{"第 2 行 / line 2", "employees", "stage", "name", "第 4 行 / line 4", "nope",
				"第 5 行 / line 5", "3 of 4 records are bad"},
		},
		{
			name: "csv",
			file: "bad.csv",
			content: "kind,name,employees,mobile,enterprise_id\n" +
				"enterprise,浙江四联玩具有限公司,350,,\n" +
				"enterprise,,abc,,\n" +
				"enterprise,景宁示例公司,,13800138000,\n",
			want: []string{"第 3 行 / line 3", "employees", "name", "第 4 行 / line 4", "mobile", "2 of 3 records are bad"},
		},
		{
			name:    "csv row with a quoted newline keeps later line numbers right",
			file:    "multi.csv",
			content: "kind,name,notes\nenterprise,甲公司,\"第一行\n第二行\"\nenterprise,,\n",
			want:    []string{"第 4 行 / line 4", "name"},
		},
		{
			name:    "id that is not a ULID",
			file:    "badid.jsonl",
			content: `{"kind":"enterprise","id":"E1","name":"甲"}` + "\n" + `{"kind":"enterprise","id":"01m8aqsagp3qjhdmf5gcb29rpg","name":"乙"}` + "\n",
			want:    []string{"第 1 行 / line 1", "第 2 行 / line 2", "ULID", "2 of 2 records are bad"},
		},
		{
			name:    "duplicate id",
			file:    "dup.jsonl",
			content: `{"kind":"enterprise","id":"01M8AQSAGP3QJHDMF5GCB29RPG","name":"甲"}` + "\n" + `{"kind":"enterprise","id":"01M8AQSAGP3QJHDMF5GCB29RPG","name":"乙"}` + "\n",
			want:    []string{"第 2 行 / line 2", "repeats the id of line 1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(t.TempDir(), tt.file)
			if err := os.WriteFile(file, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			r := run(t, dir, "", "import", file)
			if r.code != ExitFailure {
				t.Fatalf("exit %d, want 1; stderr:\n%s", r.code, r.err)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.err, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.err)
				}
			}
			if out := mustRun(t, dir, "", "export"); out != "" {
				t.Errorf("store not empty after a rejected import:\n%s", out)
			}
		})
	}
}

// TestImportConflictsWithStore: records that decode but that the store
// would refuse are reported by line, and nothing of the file is stored.
func TestImportConflictsWithStore(t *testing.T) {
	dir := t.TempDir()
	ent := mustRun(t, dir, "", "add", "enterprise", "--name", exampleEnterpriseName, "--credit-code", exampleCreditCode)
	before := mustRun(t, dir, "", "export")
	in := `{"kind":"enterprise","name":"甲公司"}` + "\n" +
		`{"kind":"contact","enterprise_id":"01M8AQSAGP3QJHDMF5GCB29RPX","name":"张三"}` + "\n" +
		`{"kind":"enterprise","id":"` + ent + `","name":"乙公司"}` + "\n" +
		`{"kind":"enterprise","name":"丙公司","credit_code":"` + exampleCreditCode + `"}` + "\n" +
		`{"kind":"enterprise","name":"丁公司","credit_code":"` + exampleOtherCredit + `"}` + "\n" +
		`{"kind":"enterprise","name":"戊公司","credit_code":"` + exampleOtherCredit + `"}` + "\n" +
		`{"kind":"contact","enterprise_id":"` + ent + `","name":"李四"}` + "\n"
	r := run(t, dir, in, "import", "-")
	if r.code != ExitFailure {
		t.Fatalf("exit %d, want 1; stderr %s", r.code, r.err)
	}
	for _, w := range []string{"line 2", "所属企业不存在", "line 3", "already stored", "line 4", "already used by " + ent,
		"line 6", "repeats the credit code of line 5", "4 of 7 records are bad"} {
		if !strings.Contains(r.err, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.err)
		}
	}
	if after := mustRun(t, dir, "", "export"); after != before {
		t.Errorf("store changed by a rejected import:\n%s", after)
	}
}

// TestImportCSVWithoutKindColumn uses --kind, a BOM and Chinese stages, as
// a sheet saved from Excel would have.
func TestImportCSVWithoutKindColumn(t *testing.T) {
	dir := t.TempDir()
	in := "\ufeffname,stage,tags\r\n甲公司,在谈,玩具、教具\r\n乙公司,,\r\n"
	if out := mustRun(t, dir, in, "import", "-", "--format", "csv", "--kind", "enterprise"); !strings.Contains(out, "2 records") {
		t.Errorf("import printed %q", out)
	}
	out := mustRun(t, dir, "", "list", "--stage", "negotiating")
	if !strings.Contains(out, "甲公司") || strings.Contains(out, "乙公司") {
		t.Errorf("list --stage negotiating = %q", out)
	}
	if r := run(t, dir, "name\n丙\n", "import", "-", "--format", "csv"); r.code != ExitFailure || !strings.Contains(r.err, "kind") {
		t.Errorf("CSV without kind column or --kind: exit %d, stderr %q", r.code, r.err)
	}
}

// TestImportCSVChineseHeadings: a hand-typed sheet with the Chinese field
// labels as headings imports like one with field names.
func TestImportCSVChineseHeadings(t *testing.T) {
	dir := t.TempDir()
	in := "类型,企业名称,统一社会信用代码,阶段\nenterprise," + exampleEnterpriseName + "," + exampleCreditCode + ",线索\n"
	mustRun(t, dir, in, "import", "-", "--format", "csv")
	var listed []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, dir, "", "list", "--json")), &listed); err != nil {
		t.Fatal(err)
	}
	if len(listed) != 1 || listed[0]["name"] != exampleEnterpriseName || listed[0]["credit_code"] != exampleCreditCode {
		t.Errorf("imported %v", listed)
	}
}
