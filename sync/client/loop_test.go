package client

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/record"
)

func TestBackoff(t *testing.T) {
	tests := []struct {
		failures int
		interval time.Duration
		lo, hi   time.Duration
	}{
		{1, time.Minute, minBackoff * 3 / 4, minBackoff * 5 / 4},
		{2, time.Minute, 2 * minBackoff * 3 / 4, 2 * minBackoff * 5 / 4},
		{4, time.Minute, 8 * minBackoff * 3 / 4, 8 * minBackoff * 5 / 4},
		{40, time.Minute, maxBackoff * 3 / 4, maxBackoff * 5 / 4},
		{40, time.Hour, time.Hour * 3 / 4, time.Hour * 5 / 4},
	}
	for _, tt := range tests {
		for range 50 {
			if d := backoff(tt.failures, tt.interval); d < tt.lo || d > tt.hi {
				t.Fatalf("backoff(%d, %v) = %v, want in [%v, %v]", tt.failures, tt.interval, d, tt.lo, tt.hi)
			}
		}
	}
}

func TestLoopSyncsAndBacksOffWhenTheServerIsDown(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	srv := startServer(t, nil)
	a := newLaptop(t, "a", srv.url(), "alice", nil)
	if err := a.store.Create(ctx, &record.Enterprise{Name: "循环企业", Stage: record.StageLead}); err != nil {
		t.Fatal(err)
	}
	statuses := make(chan Status, 10)
	loopCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		done <- a.sync.Loop(loopCtx, 50*time.Millisecond, func(s Status) {
			select {
			case statuses <- s:
			default:
			}
		})
	}()
	first := <-statuses
	if !first.Online || first.Err != nil || first.Report.Pushed != 1 {
		t.Fatalf("first status: %+v", first)
	}
	srv.stop()
	var down Status
	for down = range statuses {
		if down.Err != nil {
			break
		}
	}
	if down.Online || down.Zh == "" || time.Until(down.Next) < minBackoff/2 {
		t.Fatalf("status while down: %+v, want offline with a backed-off retry", down)
	}
	stop()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Loop returned %v", err)
	}
}

func TestOutdatedClientStopsTheLoop(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var outdated atomic.Bool
	srv := startServer(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if outdated.Load() {
				w.WriteHeader(http.StatusUpgradeRequired)
				_, _ = io.WriteString(w, `{"code":"protocol_version","zh":"请升级山海外勤客户端","en":"protocol 1 is no longer served"}`)
				return
			}
			h.ServeHTTP(w, r)
		})
	})
	a := newLaptop(t, "a", srv.url(), "alice", nil)
	if err := a.store.Create(ctx, &record.Enterprise{Name: "升级前企业", Stage: record.StageLead}); err != nil {
		t.Fatal(err)
	}
	outdated.Store(true)
	var last Status
	err := a.sync.Loop(ctx, time.Millisecond, func(s Status) { last = s })
	if !errors.Is(err, ErrOutdated) || last.Zh != "请升级山海外勤客户端" {
		t.Fatalf("Loop = %v, last status %+v; want it to stop with the server's message", err, last)
	}
	if n, _ := a.store.Pending(ctx); n != 1 {
		t.Fatalf("pending = %d: an outdated client keeps its outbox", n)
	}
}
