package api

import (
	"fmt"
	"io"
	"sync/atomic"
)

// Metrics are the server's plain-text counters, one set per server (no
// globals), exposed at /metrics in Prometheus text format.
type Metrics struct {
	Requests     atomic.Int64
	InFlight     atomic.Int64
	Errors5xx    atomic.Int64
	LoginOK      atomic.Int64
	LoginFailed  atomic.Int64
	LoginLimited atomic.Int64
	AuthRefused  atomic.Int64
	PushBatches  atomic.Int64
	PushChanges  atomic.Int64
	PushRejected atomic.Int64
	PullPages    atomic.Int64
	PullRecords  atomic.Int64
}

// Write prints every counter as "shanhai_<name> <value>".
func (m *Metrics) Write(w io.Writer) error {
	for _, c := range []struct {
		name string
		v    *atomic.Int64
	}{
		{"requests_total", &m.Requests}, {"requests_in_flight", &m.InFlight}, {"responses_5xx_total", &m.Errors5xx},
		{"login_ok_total", &m.LoginOK}, {"login_failed_total", &m.LoginFailed}, {"login_rate_limited_total", &m.LoginLimited},
		{"auth_refused_total", &m.AuthRefused}, {"push_batches_total", &m.PushBatches}, {"push_changes_total", &m.PushChanges},
		{"push_rejected_total", &m.PushRejected}, {"pull_pages_total", &m.PullPages}, {"pull_records_total", &m.PullRecords},
	} {
		if _, err := fmt.Fprintf(w, "shanhai_%s %d\n", c.name, c.v.Load()); err != nil {
			return err
		}
	}
	return nil
}
