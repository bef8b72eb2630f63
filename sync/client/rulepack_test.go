package client

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"testing"

	"github.com/shanhaifield/shanhai/rulepack"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// publish sends a re-dated copy of the shipped pack as the admin.
func publish(t *testing.T, srv *testServer, version, date string) {
	t.Helper()
	p, err := rulepack.Load()
	if err != nil {
		t.Fatal(err)
	}
	p.Version, p.Date = version, date
	var buf bytes.Buffer
	p.WriteJSON(&buf)
	admin := New(nil, Options{Log: quiet})
	var lr protocol.LoginResponse
	if err := admin.call(context.Background(), "POST", srv.url(), "/v1/login", "", protocol.LoginRequest{Name: "root", Password: "pw-root"}, &lr); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", srv.url()+"/v1/rulepacks", &buf)
	req.Header.Set(protocol.Header, "1")
	req.Header.Set("Authorization", "Bearer "+lr.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("publish %s: status %d", version, resp.StatusCode)
	}
}

func TestSyncInstallsPublishedRulePack(t *testing.T) {
	ctx := context.Background()
	srv := startServer(t, nil)
	l := newLaptop(t, "a", srv.url(), "alice", nil)
	path := filepath.Join(t.TempDir(), "data", "rulepack.json")
	l.sync.rulePackPath = path
	builtIn, err := rulepack.Load()
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name    string
		publish [2]string // version, date; empty: publish nothing
		want    string    // Report.RulePack
		onDisk  string    // version in the file afterwards; "": no file
	}{
		{"nothing published", [2]string{}, "", ""},
		{"older than the built-in pack", [2]string{"2000.1", "2000-01-01"}, "", ""},
		{"newer pack installed", [2]string{"2099.1", "2099-01-01"}, "2099.1", "2099.1"},
		{"already installed", [2]string{}, "", "2099.1"},
		{"next pack installed", [2]string{"2099.2", "2099-06-01"}, "2099.2", "2099.2"},
	}
	for _, st := range steps {
		if st.publish[0] != "" {
			publish(t, srv, st.publish[0], st.publish[1])
		}
		rep := mustSync(t, l)
		if rep.RulePack != st.want {
			t.Fatalf("%s: Report.RulePack = %q, want %q", st.name, rep.RulePack, st.want)
		}
		got, err := rulepack.LoadFile(ctx, path)
		switch {
		case st.onDisk == "" && err == nil:
			t.Fatalf("%s: a pack %s was written; the built-in %s is newer", st.name, got.Version, builtIn.Version)
		case st.onDisk != "" && (err != nil || got.Version != st.onDisk):
			t.Fatalf("%s: pack on disk = %v, %v; want %s", st.name, got, err, st.onDisk)
		}
	}
}
