package cli

import (
	"strings"
	"testing"
)

// TestUsageErrors: command lines that cannot run exit 2 with a usage
// message; help and version exit 0.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{[]string{"frobnicate"}, ExitUsage, "", "unknown command"},
		{[]string{"--bogus", "list"}, ExitUsage, "", "bogus"},
		{[]string{"add"}, ExitUsage, "", "add needs a kind"},
		{[]string{"add", "company", "--name", "x"}, ExitUsage, "", "unknown kind"},
		{[]string{"add", "enterprise", "--bogus", "x"}, ExitUsage, "", "bogus"},
		{[]string{"add", "enterprise", "extra", "--name", "x"}, ExitUsage, "", "unexpected arguments"},
		{[]string{"edit"}, ExitUsage, "", "edit needs a record ID"},
		{[]string{"list", "company"}, ExitUsage, "", "unknown kind"},
		{[]string{"list", "--stage", "foo"}, ExitUsage, "", "unknown stage"},
		{[]string{"list", "--limit", "x"}, ExitUsage, "", "limit"},
		{[]string{"export", "--format", "xml"}, ExitUsage, "", "unknown format"},
		{[]string{"show"}, ExitUsage, "", "expected one record ID"},
		{[]string{"show", "a", "b"}, ExitUsage, "", "expected one record ID"},
		{[]string{"search"}, ExitUsage, "", "search needs a query"},
		{[]string{"import"}, ExitUsage, "", "expected one file"},
		{[]string{"doctor", "now"}, ExitUsage, "", "unexpected arguments"},
		{[]string{"help"}, ExitOK, "shanhai help COMMAND", ""},
		{[]string{"help", "import"}, ExitOK, "import FILE", ""},
		{[]string{"help", "list"}, ExitOK, "--enterprise", ""},
		{[]string{"help", "nope"}, ExitUsage, "", "unknown command"},
		{[]string{"version"}, ExitOK, "shanhai", ""},
		{[]string{"add", "enterprise", "-h"}, ExitOK, "--credit-code", ""},
		{[]string{"add", "contact", "--help"}, ExitOK, "--enterprise", ""},
		{[]string{"list", "-h"}, ExitOK, "--stage", ""},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := run(t, dir, "", tt.args...)
			if r.code != tt.code || !strings.Contains(r.out, tt.inStdout) || !strings.Contains(r.err, tt.inStderr) {
				t.Errorf("exit %d (want %d)\nstdout: %s\nstderr: %s\nwant stdout ∋ %q, stderr ∋ %q",
					r.code, tt.code, r.out, r.err, tt.inStdout, tt.inStderr)
			}
		})
	}
}

// TestBadInputStoresNothing: every field error is reported, in Chinese
// and English, and nothing is stored.
func TestBadInputStoresNothing(t *testing.T) {
	dir := t.TempDir()
	ent := mustRun(t, dir, "", "add", "enterprise", "--name", exampleEnterpriseName, "--credit-code", exampleCreditCode)
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"every field error at once",
			[]string{"add", "enterprise", "--employees", "abc", "--revenue-wan", "x", "--stage", "foo", "--tags", "a"},
			[]string{"employees", "应为整数", "must be an integer", "revenue_wan", "stage", "name", "nothing stored"}},
		{"contact with bad mobile and email",
			[]string{"add", "contact", "--enterprise", ent, "--mobile", "123", "--email", "bad"},
			[]string{"name", "mobile", "email"}},
		{"contact of an unknown enterprise",
			[]string{"add", "contact", "--enterprise", "01M8AQSAGP3QJHDMF5GCB29RPG", "--name", "张三"},
			[]string{"所属企业不存在"}},
		{"credit code used by another enterprise",
			[]string{"add", "enterprise", "--name", "别的公司", "--credit-code", exampleCreditCode},
			[]string{"统一社会信用代码已被记录 " + ent}},
		{"credit code check fails without confirmation",
			[]string{"add", "enterprise", "--name", "景宁某公司", "--credit-code", exampleBadCheckCode},
			[]string{"校验码应为 G", "--confirm-credit-code", "nothing stored"}},
		{"edit to a failing credit code without confirmation",
			[]string{"edit", ent, "--credit-code", exampleBadCheckCode},
			[]string{"--confirm-credit-code"}},
		{"edit of a missing record",
			[]string{"edit", "01M8AQSAGP3QJHDMF5GCB29RPX", "--name", "x"},
			[]string{"找不到记录"}},
		{"JSON on stdin of the wrong kind",
			[]string{"add", "enterprise", "-"},
			[]string{"kind"}},
	}
	before := mustRun(t, dir, "", "export")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdin := ""
			if tt.args[len(tt.args)-1] == "-" {
				stdin = `{"kind":"contact","name":"x"}`
			}
			r := run(t, dir, stdin, tt.args...)
			if r.code == ExitOK {
				t.Fatalf("exit 0, want failure; stdout %q", r.out)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.err, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.err)
				}
			}
			if after := mustRun(t, dir, "", "export"); after != before {
				t.Errorf("store changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// TestConfirmAndEdit: --confirm-credit-code keeps a failing code; edit
// changes only the named fields and clears a field given "".
func TestConfirmAndEdit(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, "", "add", "enterprise", "--name", "四联玩具有限公司", "--credit-code", exampleBadCheckCode,
		"--confirm-credit-code", "--employees", "350", "--tags", "玩具")
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	id := strings.TrimSpace(r.out)
	rec := showJSON(t, dir, id)["record"].(map[string]any)
	if rec["credit_code_confirmed"] != true {
		t.Errorf("credit_code_confirmed = %v, want true", rec["credit_code_confirmed"])
	}

	second := run(t, dir, "", "add", "enterprise", "--name", exampleEnterpriseName)
	if second.code != ExitOK || !strings.Contains(second.err, "可能重复 / possible duplicate: "+id+" 四联玩具有限公司") {
		t.Errorf("second add: exit %d, stderr %q; want a possible-duplicate warning naming %s", second.code, second.err, id)
	}

	if r := run(t, dir, "", "edit", id, "--credit-code", "91331127MA2HX4L5P1"); r.code != ExitFailure ||
		!strings.Contains(r.err, "--confirm-credit-code") {
		t.Errorf("a new failing code kept the old confirmation: exit %d, stderr %q", r.code, r.err)
	}
	mustRun(t, dir, "", "edit", "--employees", "", id, "--notes", "复核代码")
	rec = showJSON(t, dir, id)["record"].(map[string]any)
	if _, ok := rec["employees"]; ok || rec["notes"] != "复核代码" || rec["credit_code"] != exampleBadCheckCode {
		t.Errorf("after edit: %v; want employees cleared, notes set, credit code kept", rec)
	}
	if r := run(t, dir, "", "edit", id); r.code != ExitUsage {
		t.Errorf("edit without fields: exit %d, want 2", r.code)
	}
}

// TestParseGlobal: --data beats SHANHAI_DATA, --author beats SHANHAI_USER,
// and the command starts at the first non-flag word.
func TestParseGlobal(t *testing.T) {
	env := map[string]string{"SHANHAI_DATA": "/env/data", "SHANHAI_USER": "envuser"}
	getenv := func(k string) string { return env[k] }
	tests := []struct {
		args              []string
		dir, author, rest string
	}{
		{[]string{"list"}, "/env/data", "envuser", "list"},
		{[]string{"--data", "/flag", "--author", "张三", "list", "--json"}, "/flag", "张三", "list --json"},
		{[]string{"-data=/x"}, "/x", "envuser", ""},
		{[]string{"--help"}, "", "", "help"},
	}
	for _, tt := range tests {
		g, rest, err := ParseGlobal(tt.args, getenv)
		if err != nil {
			t.Fatalf("ParseGlobal(%q): %v", tt.args, err)
		}
		if tt.dir != "" && (g.DataDir != tt.dir || g.Author != tt.author) || strings.Join(rest, " ") != tt.rest {
			t.Errorf("ParseGlobal(%q) = %+v, %q; want dir %s author %s rest %q", tt.args, g, rest, tt.dir, tt.author, tt.rest)
		}
	}
	if _, _, err := ParseGlobal([]string{"--nope"}, getenv); err == nil {
		t.Error("unknown global flag accepted")
	}
}

// TestAddFromStdin: JSON on stdin is read with "-", and also when no field
// flags are given and stdin is not a terminal; flags override stdin.
func TestAddFromStdin(t *testing.T) {
	dir := t.TempDir()
	id := mustRun(t, dir, `{"kind":"enterprise","name":"甲公司","stage":"在谈"}`, "add", "enterprise")
	rec := showJSON(t, dir, id)["record"].(map[string]any)
	if rec["name"] != "甲公司" || rec["stage"] != "negotiating" {
		t.Errorf("from piped stdin: %v", rec)
	}
	id = mustRun(t, dir, `{"name":"乙公司","employees":10}`, "add", "enterprise", "-", "--employees", "20")
	rec = showJSON(t, dir, id)["record"].(map[string]any)
	if rec["name"] != "乙公司" || rec["employees"] != 20.0 {
		t.Errorf("stdin with flag override: %v", rec)
	}
	for _, in := range []string{"", "[1]", "{", `{"id":"01M8AQSAGP3QJHDMF5GCB29RPG","name":"丙"}`} {
		if r := run(t, dir, in, "add", "enterprise"); r.code == ExitOK {
			t.Errorf("stdin %q accepted: %s", in, r.out)
		}
	}
}
