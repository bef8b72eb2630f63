package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestSession drives a realistic session through Run against a real
// bbolt store: add, search by pinyin initials, list, edit, delete, doctor.
func TestSession(t *testing.T) {
	dir := t.TempDir()
	entID := mustRun(t, dir, "", "add", "enterprise", "--name", exampleEnterpriseName,
		"--credit-code", exampleCreditCode, "--industry", "2451", "--region", "331127",
		"--stage", "线索", "--tags", "玩具、婴幼儿教具", "--employees", "350")
	if len(entID) != 26 {
		t.Fatalf("add printed %q, want a 26-character ULID", entID)
	}

	var contact map[string]any
	out := mustRun(t, dir, "", "add", "contact", "--enterprise", entID, "--name", "何向平",
		"--mobile", "138 0013 8000", "--json")
	if err := json.Unmarshal([]byte(out), &contact); err != nil {
		t.Fatalf("add --json printed %q: %v", out, err)
	}
	if contact["mobile"] != "+8613800138000" || contact["kind"] != "contact" {
		t.Errorf("stored contact = %v, want mobile +8613800138000 and kind contact", contact)
	}

	if out := mustRun(t, dir, "", "search", "slwj"); !strings.Contains(out, entID) {
		t.Errorf("search slwj = %q, want the enterprise %s", out, entID)
	}

	var listed []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, dir, "", "list", "--json")), &listed); err != nil {
		t.Fatal(err)
	}
	if len(listed) != 1 || listed[0]["name"] != exampleEnterpriseName || listed[0]["stage"] != "lead" {
		t.Errorf("list --json = %v, want the one enterprise at stage lead", listed)
	}

	mustRun(t, dir, "", "edit", entID, "--stage", "在谈", "--employees", "400")
	shown := showJSON(t, dir, entID)
	rec := shown["record"].(map[string]any)
	if rec["stage"] != "negotiating" || rec["employees"] != 400.0 || rec["name"] != exampleEnterpriseName {
		t.Errorf("after edit: %v, want stage negotiating, employees 400, name unchanged", rec)
	}
	if n := len(shown["related"].(map[string]any)["contact"].([]any)); n != 1 {
		t.Errorf("show lists %d contacts, want 1", n)
	}

	contactID, _ := contact["id"].(string)
	mustRun(t, dir, "", "edit", contactID, "--mobile", "139-0571-0000")
	if got := showJSON(t, dir, contactID)["record"].(map[string]any)["mobile"]; got != "+8613905710000" {
		t.Errorf("edited mobile = %v, want +8613905710000", got)
	}
	if out := mustRun(t, dir, "", "list", "contact", "--enterprise", entID); !strings.Contains(out, "何向平") || !strings.Contains(out, "姓名") {
		t.Errorf("list contact = %q, want 何向平 under a Chinese heading", out)
	}

	if out := mustRun(t, dir, "", "delete", entID); !strings.Contains(out, "1 条关联记录") {
		t.Errorf("delete printed %q, want the one related contact counted", out)
	}
	if r := run(t, dir, "", "show", entID); r.code != ExitFailure || !strings.Contains(r.err, "找不到记录") {
		t.Errorf("show after delete: exit %d, stderr %q; want 1 and 找不到记录", r.code, r.err)
	}
	if out := mustRun(t, dir, "", "doctor"); !strings.Contains(out, "数据一致") {
		t.Errorf("doctor = %q", out)
	}
}

func showJSON(t *testing.T, dir, id string) map[string]any {
	t.Helper()
	var shown map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, dir, "", "show", id, "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	return shown
}
