package cli

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/rulepack"
	"github.com/shanhaifield/shanhai/server/api"
	"github.com/shanhaifield/shanhai/server/auth"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/server/store/boltstore"
)

// TestSyncInstallsServerRulePack: a pack published on the server reaches
// the data folder on the next `shanhai sync`, and `rules show` uses it.
func TestSyncInstallsServerRulePack(t *testing.T) {
	ctx := context.Background()
	st, err := boltstore.Open(ctx, filepath.Join(t.TempDir(), "server.db"), store.Hooks{})
	if err != nil {
		t.Fatal(err)
	}
	hash, _ := auth.HashPassword("pw-alice", auth.Params{Memory: 1024, Time: 1, Threads: 1})
	if err := st.PutUser(ctx, store.User{Name: "alice", Zone: "zone-a", Role: store.RoleStaff, Hash: hash}); err != nil {
		t.Fatal(err)
	}
	p, err := rulepack.Load()
	if err != nil {
		t.Fatal(err)
	}
	p.Version, p.Date = "2099.1-test", "2099-01-01"
	var buf bytes.Buffer
	if err := p.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if err := st.PutRulePack(ctx, store.RulePack{Version: p.Version, Date: p.Date, Data: buf.Bytes(), Published: time.Now(), By: "root"}); err != nil {
		t.Fatal(err)
	}
	srv := &api.Server{Store: st, Auth: &auth.Service{Store: st}, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); st.Close() })

	dir := t.TempDir()
	mustRun(t, dir, "pw-alice\n", "login", "--server", hs.URL, "--user", "alice", "--password-stdin")
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"rules", "show"}, "内置"},
		{[]string{"sync"}, "2099.1-test"},
		{[]string{"rules", "show"}, "2099.1-test"},
	}
	for _, s := range steps {
		if out := mustRun(t, dir, "", s.args...); !strings.Contains(out, s.want) {
			t.Fatalf("shanhai %s: %s, want %q in it", strings.Join(s.args, " "), out, s.want)
		}
	}
	if out := mustRun(t, dir, "", "sync"); strings.Contains(out, "2099.1-test") {
		t.Fatalf("second sync installed the pack again: %s", out)
	}
}
