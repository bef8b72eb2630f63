package client

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// Status is what the background loop reports after each attempt.
type Status struct {
	Online bool      // the last attempt reached the server and succeeded
	Report Report    // what the last good sync did
	Err    error     // the last failure, nil after a good sync
	Zh     string    // Err for the UI
	Next   time.Time // when the loop tries again
}

// Backoff bounds of the loop: the first retry after a failure waits
// about minBackoff, each further failure doubles it up to maxBackoff.
const (
	minBackoff = 2 * time.Second
	maxBackoff = 5 * time.Minute
)

// Loop syncs every interval until ctx ends. After a failure it waits
// exponentially longer (with jitter, so a fleet of laptops coming back
// online does not hit the server in step), capped at maxBackoff. An
// outdated client stops: syncing again cannot help until the user
// upgrades. report may be nil.
func (c *Client) Loop(ctx context.Context, interval time.Duration, report func(Status)) error {
	failures := 0
	for {
		rep, err := c.Sync(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		wait := interval
		if err != nil {
			failures++
			wait = backoff(failures, interval)
		} else {
			failures = 0
		}
		zh, _ := Message(err)
		if report != nil {
			report(Status{Online: err == nil, Report: rep, Err: err, Zh: zh, Next: c.now().Add(wait)})
		}
		if errors.Is(err, ErrOutdated) {
			return err
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-timer.C:
		}
	}
}

// backoff is the wait after the n-th failure in a row: doubling from
// minBackoff, capped at max(interval, maxBackoff), with ±25 % jitter.
func backoff(n int, interval time.Duration) time.Duration {
	limit := max(interval, maxBackoff)
	d := minBackoff
	for i := 1; i < n && d < limit; i++ {
		d *= 2
	}
	d = min(d, limit)
	jitter := time.Duration(rand.Int64N(int64(d)/2+1)) - d/4
	return d + jitter
}
