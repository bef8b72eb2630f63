package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/retention"
)

func TestRetentionAndErase(t *testing.T) {
	dir := t.TempDir()
	ent := mustRun(t, dir, "", "add", "enterprise", "--name", exampleEnterpriseName, "--region", "331127")
	gone := mustRun(t, dir, "", "add", "contact", "--enterprise", ent, "--name", "何向平", "--mobile", "138 0013 8000",
		"--wechat", "hxp_toys")
	kept := mustRun(t, dir, "", "add", "contact", "--enterprise", ent, "--name", "陈立", "--legal-basis", "public")

	var flags []retention.Flag
	if err := json.Unmarshal([]byte(mustRun(t, dir, "", "retention", "--json")), &flags); err != nil {
		t.Fatal(err)
	}
	if len(flags) != 1 || flags[0].ContactID != gone || flags[0].Rule != retention.RuleNoBasis || !strings.Contains(flags[0].Zh, "第十三条") {
		t.Fatalf("retention flags = %+v, want the contact without a basis", flags)
	}
	if out := mustRun(t, dir, "", "retention"); !strings.Contains(out, "何向平") || !strings.Contains(out, "PIPL art. 13") {
		t.Fatalf("retention table = %q", out)
	}

	// Not on a terminal, an erase needs --yes.
	if r := run(t, dir, "yes\n", "erase", gone); r.code != ExitUsage || !strings.Contains(r.err, "--yes") {
		t.Fatalf("erase without --yes: exit %d, %q", r.code, r.err)
	}
	out := mustRun(t, dir, "", "erase", gone, "--yes")
	if !strings.Contains(out, "服务器") || !strings.Contains(out, "何向平") {
		t.Fatalf("erase printed %q", out)
	}
	for _, format := range []string{"json", "csv"} {
		exp := mustRun(t, dir, "", "export", "--format", format)
		for _, v := range []string{"何向平", "13800138000", "hxp_toys", gone} {
			if strings.Contains(exp, v) {
				t.Errorf("%s export after erase still holds %q", format, v)
			}
		}
		if !strings.Contains(exp, kept) {
			t.Errorf("%s export lost the other contact", format)
		}
	}
	if out := mustRun(t, dir, "", "retention"); strings.Contains(out, "何向平") {
		t.Fatalf("retention still lists the erased contact: %q", out)
	}
	if r := run(t, dir, "", "show", gone); r.code == ExitOK {
		t.Fatalf("show of an erased contact succeeded: %q", r.out)
	}
	status := mustRun(t, dir, "", "status", "--json")
	if strings.Contains(status, "何向平") {
		t.Fatalf("status still shows the erased contact: %s", status)
	}
	// Erasing the enterprise erases its remaining contacts; the enterprise stays.
	mustRun(t, dir, "", "erase", ent, "--yes")
	if r := run(t, dir, "", "show", kept); r.code == ExitOK {
		t.Fatal("the enterprise's contact survived its erase")
	}
	mustRun(t, dir, "", "show", ent)
	if r := run(t, dir, "", "erase", ent, "--yes"); r.code == ExitOK || !strings.Contains(r.err, "delete") {
		t.Fatalf("erasing an enterprise without contacts: exit %d %q", r.code, r.err)
	}
}
