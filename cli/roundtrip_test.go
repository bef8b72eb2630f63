package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedStore fills a store through add with one record of every kind,
// with lists, numbers, bools, raw JSON and list items that hold a list
// separator, and returns the enterprise ID.
func seedStore(t *testing.T, dir string) string {
	t.Helper()
	ent := mustRun(t, dir, `{"name":"`+exampleEnterpriseName+`","credit_code":"`+exampleCreditCode+
		`","tags":["玩具","教具, 益智类"],"revenue_wan":12000.5,"employees":350,"notes":"第一行\n第二行, \"引号\""}`,
		"add", "enterprise", "-", "--industry", "2451", "--region", "331127")
	mustRun(t, dir, "", "add", "enterprise", "--name", "杭州示例科技有限公司", "--credit-code", exampleOtherCredit,
		"--stage", "签约", "--zone", "景宁经济开发区")
	mustRun(t, dir, "", "add", "contact", "--enterprise", ent, "--name", "何向平", "--mobile", "138 0013 8000",
		"--legal-basis", "public")
	mustRun(t, dir, "", "add", "visit", "--enterprise", ent, "--date", "2024-09-01",
		"--participants", "何向平，张三", "--summary", "洽谈智力玩具生产基地项目")
	mustRun(t, dir, "", "add", "project", "--enterprise", ent, "--name", "智力玩具生产基地",
		"--tax-wan", "700", "--jobs", "350", "--land-mu", "50.25", "--processes", "注塑,喷涂")
	mustRun(t, dir, "", "add", "task", "--enterprise", ent, "--title", "发送标准地指标", "--due", "2024-10-01", "--done")
	mustRun(t, dir, `{"enterprise_id":"`+ent+`","pack_version":"2024.09","zones":["景宁经济开发区"],"inputs":{"a":[1,2]}}`,
		"add", "screening")
	mustRun(t, dir, "", "add", "referral", "--enterprise", ent, "--from-zone", "上虞经开区",
		"--to-zone", "景宁经济开发区", "--reason", "用地不足，符合景宁产业定位", "--status", "pending")
	return ent
}

// TestExportImportRoundTrip: add → export → import into an empty store
// → export gives identical output, for both formats.
func TestExportImportRoundTrip(t *testing.T) {
	src := t.TempDir()
	seedStore(t, src)
	for _, format := range []string{"json", "csv"} {
		t.Run(format, func(t *testing.T) {
			first := mustRun(t, src, "", "export", "--format", format)
			file := filepath.Join(t.TempDir(), "export."+format)
			if err := os.WriteFile(file, []byte(first), 0o600); err != nil {
				t.Fatal(err)
			}
			dst := t.TempDir()
			if out := mustRun(t, dst, "", "import", file); !strings.Contains(out, "8 records") {
				t.Errorf("import printed %q, want 8 records", out)
			}
			second := mustRun(t, dst, "", "export", "--format", format)
			if first != second {
				t.Fatalf("round trip changed the export:\nfirst:\n%s\nsecond:\n%s", first, second)
			}
		})
	}
}

// TestExportKindToFile: --kind limits the rows and the CSV columns to one
// kind; --out writes the file and reports the count on stderr.
func TestExportKindToFile(t *testing.T) {
	dir := t.TempDir()
	seedStore(t, dir)
	out := filepath.Join(t.TempDir(), "contacts.csv")
	r := run(t, dir, "", "export", "--format", "csv", "--kind", "contact", "--out", out, "--bom")
	if r.code != ExitOK || r.out != "" || !strings.Contains(r.err, "1 records") {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.out, r.err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	wantHead := "\ufeffkind,id,created_at,updated_at,author,versions,enterprise_id,name,"
	if len(lines) != 2 || !strings.HasPrefix(lines[0], wantHead) || strings.Contains(lines[0], "credit_code") ||
		!strings.HasPrefix(lines[1], "contact,") || !strings.Contains(lines[1], "+8613800138000") {
		t.Errorf("contacts.csv =\n%s", data)
	}
}
