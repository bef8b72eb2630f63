package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/shanhaifield/shanhai/sync/client"
)

// SyncLoop runs the sync client's background loop while the user is
// logged in: Start after a login (or at start when a token is kept),
// Stop after a logout, Close when the window closes.
type SyncLoop struct {
	ctx      context.Context
	client   *client.Client
	interval time.Duration
	report   func(client.Status)

	mu     sync.Mutex
	cancel context.CancelFunc // of the running loop, nil when none
	run    int                // counts loops started, so an old one does not clear a new one's cancel
	wg     sync.WaitGroup
}

// NewSyncLoop returns a stopped loop syncing c every interval until ctx
// ends, passing each status to report (from the loop's goroutine).
func NewSyncLoop(ctx context.Context, c *client.Client, interval time.Duration, report func(client.Status)) *SyncLoop {
	return &SyncLoop{ctx: ctx, client: c, interval: interval, report: report}
}

// Start runs the loop in a goroutine unless it already runs.
func (l *SyncLoop) Start() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cancel != nil || l.ctx.Err() != nil {
		return
	}
	ctx, cancel := context.WithCancel(l.ctx)
	l.cancel = cancel
	l.run++
	run := l.run
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		err := l.client.Loop(ctx, l.interval, func(st client.Status) {
			if ctx.Err() == nil {
				l.report(st)
			}
		})
		if ctx.Err() == nil {
			// An outdated client stops by itself; a new login may start
			// it again.
			slog.Warn("sync loop stopped", "err", err)
		}
		l.mu.Lock()
		if l.run == run {
			l.cancel = nil
		}
		l.mu.Unlock()
		cancel()
	}()
}

// Running reports whether a loop runs.
func (l *SyncLoop) Running() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.cancel != nil
}

// Stop ends the running loop, if any, without waiting for it.
func (l *SyncLoop) Stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
}

// Close stops the loop and waits up to wait for a sync in flight to end,
// so the store is not closed under it.
func (l *SyncLoop) Close(wait time.Duration) {
	l.Stop()
	done := make(chan struct{})
	go func() {
		l.wg.Wait()
		close(done)
	}()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
		slog.Warn("sync still running at exit", "waited", wait)
	}
}
