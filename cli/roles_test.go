package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/server/store"
)

// startRoleServer runs a real sync server with a staff member (alice), a
// manager (mia) and an admin (root), all of zone-a.
func startRoleServer(t *testing.T) string {
	return startServerWith(t, map[string]store.Role{"alice": store.RoleStaff, "mia": store.RoleManager, "root": store.RoleAdmin})
}

// TestRoleKnownAndEnforcedLocally: login keeps role and zone; status
// shows them; staff are refused delete and rule-pack import before
// anything changes, without asking the server.
func TestRoleKnownAndEnforcedLocally(t *testing.T) {
	url := startRoleServer(t)
	pack := writeTaxPack(t, t.TempDir(), "2099.1.1", "2099-01-01", 30)
	tests := []struct {
		user, role           string
		mayDelete, mayImport bool
	}{
		{"alice", "staff", false, false},
		{"mia", "manager", true, false},
		{"root", "admin", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.role, func(t *testing.T) {
			dir := t.TempDir()
			mustRun(t, dir, "pw-"+tt.user+"\n", "login", "--server", url, "--user", tt.user, "--password-stdin")
			var st syncStatus
			if err := json.Unmarshal([]byte(mustRun(t, dir, "", "status", "--json")), &st); err != nil {
				t.Fatal(err)
			}
			if st.User != tt.user || st.Role != tt.role || st.Zone != "zone-a" {
				t.Fatalf("status: user %q role %q zone %q", st.User, st.Role, st.Zone)
			}
			if out := mustRun(t, dir, "", "status"); !strings.Contains(out, tt.role) || !strings.Contains(out, "zone-a") {
				t.Fatalf("status text lacks role or zone:\n%s", out)
			}
			// The checks below never reach the server: the role learned at login applies offline.
			ent := strings.TrimSpace(mustRun(t, dir, "", "add", "enterprise", "--name", exampleEnterpriseName, "--stage", "lead"))
			r := run(t, dir, "", "delete", ent)
			if tt.mayDelete != (r.code == ExitOK) {
				t.Fatalf("delete as %s: %+v", tt.role, r)
			}
			if !tt.mayDelete {
				if !strings.Contains(r.err, "无权删除记录") || !strings.Contains(r.err, "may not delete") {
					t.Fatalf("refusal does not explain itself: %q", r.err)
				}
				mustRun(t, dir, "", "show", ent) // still there
			}
			r = run(t, dir, "", "erase", ent, "--yes")
			if tt.mayDelete != (r.code == ExitOK) || (!tt.mayDelete && !strings.Contains(r.err, "may not erase")) {
				t.Fatalf("erase as %s: %+v", tt.role, r)
			}
			r = run(t, dir, "", "rules", "import", pack)
			if tt.mayImport != (r.code == ExitOK) || (!tt.mayImport && !strings.Contains(r.err, "导入规则包")) {
				t.Fatalf("rules import as %s: %+v", tt.role, r)
			}
		})
	}
}
