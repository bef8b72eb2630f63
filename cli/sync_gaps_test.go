package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestResolveRestoresDeletedRecord: b edits an enterprise offline, a
// deletes it; b's `resolve --keep mine` on the restore offer brings it
// back on both laptops with b's notes.
func TestResolveRestoresDeletedRecord(t *testing.T) {
	url := startSyncServer(t)
	a, b := t.TempDir(), t.TempDir()
	mustRun(t, a, "pw-alice\n", "login", "--server", url, "--user", "alice", "--password-stdin")
	mustRun(t, b, "pw-carol\n", "login", "--server", url, "--user", "carol", "--password-stdin")
	ent := mustRun(t, a, "", "add", "enterprise", "--name", exampleEnterpriseName, "--stage", "lead")
	mustRun(t, a, "", "sync")
	mustRun(t, b, "", "sync")
	mustRun(t, b, "", "edit", ent, "--notes", "离线补记")
	mustRun(t, a, "", "delete", ent)
	mustRun(t, a, "", "sync")
	mustRun(t, b, "", "sync")
	var cs []struct {
		ID     string `json:"id"`
		Reason string `json:"reason"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, b, "", "conflicts", "--json")), &cs); err != nil || len(cs) != 1 || cs[0].Reason != "after_delete" {
		t.Fatalf("conflicts on b: %+v %v", cs, err)
	}
	if text := mustRun(t, b, "", "conflicts"); !strings.Contains(text, "mine 恢复记录") {
		t.Fatalf("the restore offer is not explained: %s", text)
	}
	mustRun(t, b, "", "resolve", cs[0].ID, "--keep", "mine")
	mustRun(t, b, "", "sync")
	mustRun(t, a, "", "sync")
	for _, dir := range []string{a, b} {
		if shown := mustRun(t, dir, "", "show", ent, "--json"); !strings.Contains(shown, "离线补记") || !strings.Contains(shown, exampleEnterpriseName) {
			t.Fatalf("not restored: %s", shown)
		}
	}
}

// TestPulledDuplicateCreditCodeIsShown: two laptops add the same
// enterprise offline; after syncing each holds both records, and status
// and doctor name the pair as a possible duplicate (doctor still passes).
func TestPulledDuplicateCreditCodeIsShown(t *testing.T) {
	url := startSyncServer(t)
	a, b := t.TempDir(), t.TempDir()
	mustRun(t, a, "pw-alice\n", "login", "--server", url, "--user", "alice", "--password-stdin")
	mustRun(t, b, "pw-carol\n", "login", "--server", url, "--user", "carol", "--password-stdin")
	first := mustRun(t, a, "", "add", "enterprise", "--name", exampleEnterpriseName, "--credit-code", "91330106146284376K", "--stage", "lead")
	second := mustRun(t, b, "", "add", "enterprise", "--name", "四联玩具", "--credit-code", "91330106146284376K", "--stage", "lead")
	for _, dir := range []string{a, b, a} {
		mustRun(t, dir, "", "sync")
	}
	for _, dir := range []string{a, b} {
		var st syncStatus
		if err := json.Unmarshal([]byte(mustRun(t, dir, "", "status", "--json")), &st); err != nil {
			t.Fatal(err)
		}
		if len(st.Duplicates) != 1 || len(st.Duplicates[0].IDs) != 2 || st.Duplicates[0].IDs[0] != min(first, second) {
			t.Fatalf("status duplicates: %+v", st.Duplicates)
		}
		if out := mustRun(t, dir, "", "doctor"); !strings.Contains(out, "可能重复") || !strings.Contains(out, "数据一致") {
			t.Fatalf("doctor: %s", out)
		}
	}
}
