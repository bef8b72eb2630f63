package client

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/record"
)

// createEnterprises adds n enterprises to a laptop's outbox.
func createEnterprises(t *testing.T, l *laptop, n int) {
	t.Helper()
	for i := range n {
		if err := l.store.Create(context.Background(), &record.Enterprise{Name: fmt.Sprintf("丽水智造%02d有限公司", i), Stage: record.StageLead}); err != nil {
			t.Fatal(err)
		}
	}
}

// pushCounter numbers the push requests a server receives and lets a test
// act on the n-th one.
type pushCounter struct {
	n    atomic.Int32
	each func(n int32, w http.ResponseWriter, r *http.Request) bool // false: answered, do not forward
}

func (pc *pushCounter) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/push" && !pc.each(pc.n.Add(1), w, r) {
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Once the server has said it keeps batches in order, the client sends
// the next batch before the previous one is answered.
func TestPushKeepsTwoBatchesInFlight(t *testing.T) {
	third := make(chan struct{})
	var once sync.Once
	overlapped := make(chan bool, 1)
	pc := &pushCounter{}
	pc.each = func(n int32, w http.ResponseWriter, r *http.Request) bool {
		switch n {
		case 2: // hold the second batch until the third arrives
			select {
			case <-third:
				overlapped <- true
			case <-time.After(5 * time.Second):
				overlapped <- false
			}
		case 3:
			once.Do(func() { close(third) })
		}
		return true
	}
	srv := startServer(t, pc.wrap)
	a := newLaptop(t, "a", srv.url(), "alice", nil)
	createEnterprises(t, a, 30) // 5 batches of 7
	if rep := mustSync(t, a); rep.Pushed != 30 {
		t.Fatalf("pushed %d, want 30", rep.Pushed)
	}
	if !<-overlapped {
		t.Fatal("the third batch was not sent while the second was in flight")
	}
	if got := len(serverState(t, srv).records); got != 30 {
		t.Fatalf("server holds %d records, want 30", got)
	}
	if n, _ := a.store.Pending(context.Background()); n != 0 {
		t.Fatalf("%d changes still pending", n)
	}
}

// A batch that fails while the next one is in flight stops the push;
// nothing is lost or doubled, and the next sync sends the rest.
func TestPushPipelineFailureLosesNothing(t *testing.T) {
	var fail atomic.Bool
	fail.Store(true)
	pc := &pushCounter{}
	pc.each = func(n int32, w http.ResponseWriter, r *http.Request) bool {
		if n == 2 && fail.Load() {
			http.Error(w, "boom", http.StatusInternalServerError)
			return false
		}
		return true
	}
	srv := startServer(t, pc.wrap)
	a := newLaptop(t, "a", srv.url(), "alice", nil)
	createEnterprises(t, a, 30)
	if _, err := a.sync.Sync(context.Background()); err == nil {
		t.Fatal("sync with a failing batch succeeded")
	}
	if n, _ := a.store.Pending(context.Background()); n < 7 {
		t.Fatalf("%d changes pending after the failed batch, want at least its 7", n)
	}
	fail.Store(false)
	mustSync(t, a)
	if n, _ := a.store.Pending(context.Background()); n != 0 {
		t.Fatalf("%d changes still pending", n)
	}
	if got := len(serverState(t, srv).records); got != 30 {
		t.Fatalf("server holds %d records, want 30", got)
	}
}
