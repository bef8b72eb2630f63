package client

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/server/api"
	"github.com/shanhaifield/shanhai/server/auth"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/server/store/boltstore"
)

// testServer is a real sync server (server/api over a boltstore file) on
// 127.0.0.1 that a test can restart on the same file and address.
type testServer struct {
	t    testing.TB
	path string
	addr string
	// wrap, when set, wraps the handler (the 500-returning fault layer).
	wrap func(http.Handler) http.Handler

	mu sync.Mutex
	st *boltstore.Store
	hs *http.Server
}

// cheap keeps argon2 fast in tests; production uses auth.DefaultParams.
var cheap = auth.Params{Memory: 1024, Time: 1, Threads: 1}

// testUsers are created on every test server: password "pw-" + name.
// Zone A's users are managers: the sync tests delete records, which staff
// may not (docs/roles.md).
var testUsers = []store.User{
	{Name: "alice", Zone: "zone-a", Role: store.RoleManager},
	{Name: "carol", Zone: "zone-a", Role: store.RoleManager},
	{Name: "dave", Zone: "zone-a", Role: store.RoleManager},
	{Name: "bob", Zone: "zone-b", Role: store.RoleStaff},
	{Name: "root", Zone: "zone-a", Role: store.RoleAdmin},
}

func startServer(t testing.TB, wrap func(http.Handler) http.Handler) *testServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0") // reserve a port the restarts reuse
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{t: t, path: filepath.Join(t.TempDir(), "server.db"), addr: ln.Addr().String(), wrap: wrap}
	ln.Close()
	if err := ts.start(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, u := range testUsers {
		u.Hash, _ = auth.HashPassword("pw-"+u.Name, cheap)
		if err := ts.st.PutUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(ts.stop)
	return ts
}

func (ts *testServer) url() string { return "http://" + ts.addr }

func (ts *testServer) start() error {
	st, err := boltstore.Open(context.Background(), ts.path, store.Hooks{})
	if err != nil {
		return err
	}
	var ln net.Listener
	for range 50 { // the old socket may linger a moment after a restart
		if ln, err = net.Listen("tcp", ts.addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		st.Close()
		return err
	}
	srv := &api.Server{Store: st, Auth: &auth.Service{Store: st, MaxAttempts: 1000},
		Log: slog.New(slog.NewJSONHandler(io.Discard, nil))}
	var h http.Handler = srv.Handler()
	if ts.wrap != nil {
		h = ts.wrap(h)
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			ts.t.Errorf("serve: %v", err)
		}
	}()
	ts.mu.Lock()
	ts.st, ts.hs = st, hs
	ts.mu.Unlock()
	return nil
}

func (ts *testServer) stop() {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.hs == nil {
		return
	}
	_ = ts.hs.Close()
	_ = ts.st.Close()
	ts.hs, ts.st = nil, nil
}

// restart closes the server and its store abruptly (connections in
// flight are cut) and opens both again on the same file and address.
func (ts *testServer) restart() error {
	ts.stop()
	return ts.start()
}
