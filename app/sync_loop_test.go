package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/sync/client"
)

// TestSyncLoop runs the real client over a real store that never logged
// in: the loop reports the failure, stops on Stop, and can start again.
func TestSyncLoop(t *testing.T) {
	store := openStore(t)
	reports := make(chan client.Status, 4)
	l := NewSyncLoop(context.Background(), client.New(store, client.Options{}), time.Hour, func(st client.Status) { reports <- st })
	for round := range 2 {
		l.Start()
		l.Start() // a second Start while running must not start another loop
		select {
		case st := <-reports:
			if st.Online || !errors.Is(st.Err, client.ErrNotLoggedIn) || !syncFailed(st.Err) {
				t.Errorf("round %d: status %+v", round, st)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("round %d: no report", round)
		}
		if !l.Running() {
			t.Errorf("round %d: not running after Start", round)
		}
		l.Stop()
		if l.Running() {
			t.Errorf("round %d: running after Stop", round)
		}
	}
	l.Close(10 * time.Second)
	if n := len(reports); n != 0 {
		t.Errorf("%d extra reports: more than one loop ran", n)
	}
}

// TestClientSyncer drives the real adapter over a real store without a
// server: what the store keeps, and the login/logout hooks.
func TestClientSyncer(t *testing.T) {
	ctx := context.Background()
	store := openStore(t)
	var logins, logouts int
	s := &ClientSyncer{Client: client.New(store, client.Options{}), Store: store,
		OnLogin: func() { logins++ }, OnLogout: func() { logouts++ }}
	if err := s.Login(ctx, "not a url", "wang", "pw"); err == nil || logins != 0 {
		t.Errorf("login to a bad address: err %v, OnLogin ran %d times", err, logins)
	}
	if err := s.SyncNow(ctx); !errors.Is(err, client.ErrNotLoggedIn) {
		t.Errorf("sync without login: %v", err)
	}
	st, err := s.State(ctx)
	if err != nil || !strings.Contains(st.LastErrorZh, "尚未登录") {
		t.Errorf("state %+v, %v", st, err)
	}
	if err := s.Logout(ctx); err != nil || logouts != 1 {
		t.Errorf("logout: %v, OnLogout ran %d times", err, logouts)
	}
	cs, err := s.Conflicts(ctx)
	if err != nil || len(cs) != 0 {
		t.Errorf("conflicts %v, %v", cs, err)
	}
	rs, err := s.Rejected(ctx)
	if err != nil || len(rs) != 0 {
		t.Errorf("rejected %v, %v", rs, err)
	}
	if err := s.Resolve(ctx, "no-such", "mine"); err == nil {
		t.Error("resolving an unknown conflict succeeded")
	}
}
