package cli

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/server/api"
	"github.com/shanhaifield/shanhai/server/auth"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/server/store/boltstore"
)

// startSyncServer runs a real sync server over a bbolt file on
// 127.0.0.1 with users alice (manager: she may delete, docs/roles.md)
// and carol (staff) of zone-a (password "pw-" + name).
func startSyncServer(t *testing.T) string {
	return startServerWith(t, map[string]store.Role{"alice": store.RoleManager, "carol": store.RoleStaff})
}

// startServerWith runs a real sync server over a bbolt file with the
// given users of zone-a, each with password "pw-" + name.
func startServerWith(t *testing.T, users map[string]store.Role) string {
	t.Helper()
	ctx := context.Background()
	st, err := boltstore.Open(ctx, filepath.Join(t.TempDir(), "server.db"), store.Hooks{})
	if err != nil {
		t.Fatal(err)
	}
	for name, role := range users {
		hash, _ := auth.HashPassword("pw-"+name, auth.Params{Memory: 1024, Time: 1, Threads: 1})
		if err := st.PutUser(ctx, store.User{Name: name, Zone: "zone-a", Role: role, Hash: hash}); err != nil {
			t.Fatal(err)
		}
	}
	srv := &api.Server{Store: st, Auth: &auth.Service{Store: st}, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); st.Close() })
	return hs.URL
}

func TestSyncCommandsEndToEnd(t *testing.T) {
	url := startSyncServer(t)
	a, b := t.TempDir(), t.TempDir()

	if r := run(t, a, "", "sync"); r.code != ExitFailure || !strings.Contains(r.err, "尚未登录") {
		t.Fatalf("sync before login: %+v", r)
	}
	if r := run(t, a, "wrong\n", "login", "--server", url, "--user", "alice", "--password-stdin"); r.code != ExitFailure || !strings.Contains(r.err, "用户名或密码错误") {
		t.Fatalf("bad password: %+v", r)
	}
	if r := run(t, a, "", "login", "--server", url, "--user", "alice"); r.code != ExitUsage {
		t.Fatalf("login without --password-stdin: %+v", r)
	}
	mustRun(t, a, "pw-alice\n", "login", "--server", url, "--user", "alice", "--password-stdin")
	mustRun(t, b, "pw-carol\n", "login", "--server", url, "--user", "carol", "--password-stdin")

	ent := mustRun(t, a, "", "add", "enterprise", "--name", exampleEnterpriseName, "--stage", "lead")
	var st syncStatus
	if err := json.Unmarshal([]byte(mustRun(t, a, "", "status", "--json")), &st); err != nil {
		t.Fatal(err)
	}
	if !st.Online || st.Pending != 1 || st.LastSync != nil || st.User != "alice" {
		t.Fatalf("status before sync: %+v", st)
	}
	var rep struct{ Pushed, Pulled int }
	if err := json.Unmarshal([]byte(mustRun(t, a, "", "sync", "--json")), &rep); err != nil || rep.Pushed != 1 {
		t.Fatalf("sync a: %+v %v", rep, err)
	}
	if out := mustRun(t, b, "", "sync"); !strings.Contains(out, "下载 1 条") {
		t.Fatalf("sync b: %s", out)
	}
	// The same field edited on both laptops: one value wins, the other
	// is a conflict on both, and resolving it on b syncs to a.
	mustRun(t, a, "", "edit", ent, "--notes", "A 的备注")
	mustRun(t, b, "", "edit", ent, "--notes", "B 的备注")
	mustRun(t, a, "", "sync")
	mustRun(t, b, "", "sync")
	mustRun(t, a, "", "sync")
	var cs []struct {
		ID      string          `json:"id"`
		Value   json.RawMessage `json:"value"`
		Current json.RawMessage `json:"current"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, b, "", "conflicts", "--json")), &cs); err != nil || len(cs) != 1 {
		t.Fatalf("conflicts on b: %v %v", cs, err)
	}
	if text := mustRun(t, a, "", "conflicts"); !strings.Contains(text, cs[0].ID) {
		t.Fatalf("a does not list conflict %s: %s", cs[0].ID, text)
	}
	if err := json.Unmarshal([]byte(mustRun(t, a, "", "status", "--json")), &st); err != nil || st.Conflicts != 1 || st.Pending != 0 || st.LastSync == nil {
		t.Fatalf("status after sync: %+v %v", st, err)
	}
	if r := run(t, b, "", "resolve", cs[0].ID, "--keep", "both"); r.code != ExitUsage {
		t.Fatalf("resolve --keep both: %+v", r)
	}
	if r := run(t, b, "", "resolve", "nope", "--keep", "mine"); r.code != ExitFailure || !strings.Contains(r.err, "找不到冲突") {
		t.Fatalf("resolve unknown: %+v", r)
	}
	mustRun(t, b, "", "resolve", cs[0].ID, "--keep", "mine")
	mustRun(t, b, "", "sync")
	mustRun(t, a, "", "sync")
	shown := mustRun(t, a, "", "show", ent, "--json")
	if !strings.Contains(shown, strings.Trim(string(cs[0].Value), `"`)) {
		t.Fatalf("a did not get the kept value %s: %s", cs[0].Value, shown)
	}
	for _, dir := range []string{a, b} {
		if out := mustRun(t, dir, "", "conflicts"); !strings.Contains(out, "没有冲突") {
			t.Fatalf("conflict left after resolve: %s", out)
		}
	}
	if text := mustRun(t, a, "", "status"); !strings.Contains(text, "在线") || !strings.Contains(text, "冲突 / conflicts") {
		t.Fatalf("status text: %s", text)
	}
}
