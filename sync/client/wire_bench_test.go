package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/storage"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// wireCounter counts the bytes a client's TCP connections carry in both
// directions: HTTP headers and (gzip) bodies, as sent and received on the
// socket, without TCP/IP framing.
type wireCounter struct{ n atomic.Int64 }

// client returns an HTTP client whose connections are counted.
func (w *wireCounter) client() *http.Client {
	d := &net.Dialer{Timeout: 5 * time.Second}
	return &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := d.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return &countedConn{Conn: c, n: &w.n}, nil
		},
		MaxIdleConnsPerHost: 4,
	}}
}

type countedConn struct {
	net.Conn
	n *atomic.Int64
}

func (c *countedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func (c *countedConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.n.Add(int64(n))
	return n, err
}

// countedLaptop is a client store holding everything srv has, synced
// over counted connections.
func countedLaptop(b *testing.B, srv *testServer) (*Client, *storage.Store, *wireCounter) {
	b.Helper()
	ctx := context.Background()
	st, err := storage.Open(ctx, filepath.Join(b.TempDir(), "client.db"), storage.Options{Author: "alice"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	w := &wireCounter{}
	c := New(st, Options{Log: quiet, HTTP: w.client()})
	if _, err := c.Login(ctx, srv.url(), "alice", "pw-alice"); err != nil {
		b.Fatal(err)
	}
	if _, err := c.Sync(ctx); err != nil {
		b.Fatal(err)
	}
	return c, st, w
}

// medianOf returns the median of xs (sorted in place).
func medianOf[T int64 | time.Duration](xs []T) T {
	slices.Sort(xs)
	return xs[len(xs)/2]
}

// BenchmarkIncrementalSyncWire: beside n records already on the laptop,
// one sync pushes 10 local edits and pulls 10 changes made on another
// laptop (gzip both ways). Reports the median time and the median bytes
// on the wire per sync (issue 4: < 50 ms, < 20 KB).
func BenchmarkIncrementalSyncWire(b *testing.B) {
	n := benchN()
	srv := seededServer(b, n)
	ctx := context.Background()
	c, st, w := countedLaptop(b, srv)
	local, err := st.List(ctx, "enterprise", storage.ListOptions{Limit: 10})
	if err != nil || len(local) != 10 {
		b.Fatalf("list: %d, %v", len(local), err)
	}
	for _, rec := range local { // the synthetic industry codes ("C24") do not pass local validation
		if _, err := st.Patch(ctx, rec.Kind(), rec.Header().ID, map[string]json.RawMessage{"industry_code": json.RawMessage(`"39"`)}); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := c.Sync(ctx); err != nil {
		b.Fatal(err)
	}
	clock := hlc.New("editor", nil)
	p := store.Principal{Name: "alice", Zone: "zone-a", Role: store.RoleStaff}
	var took []time.Duration
	var wire []int64
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		req := protocol.PushRequest{ClientID: "editor"}
		for j := range 10 {
			ch := benchChange(clock, n+i*10+j)
			ch.MutationID = fmt.Sprintf("editor-%d-%d", i, j)
			req.Changes = append(req.Changes, ch)
		}
		srv.mu.Lock()
		_, err := srv.st.Push(ctx, p, req, time.Now())
		srv.mu.Unlock()
		if err != nil {
			b.Fatal(err)
		}
		for j, rec := range local {
			note, _ := json.Marshal(fmt.Sprintf("第%d轮第%d条：电话回访，已约下周面谈。", i, j))
			if _, err := st.Patch(ctx, rec.Kind(), rec.Header().ID, map[string]json.RawMessage{"notes": note}); err != nil {
				b.Fatal(err)
			}
		}
		before := w.n.Load()
		b.StartTimer()
		start := time.Now()
		rep, err := c.Sync(ctx)
		d := time.Since(start)
		b.StopTimer()
		if err != nil || rep.Pushed != 10 || rep.Pulled < 10 {
			b.Fatalf("sync: %+v, %v", rep, err)
		}
		took = append(took, d)
		wire = append(wire, w.n.Load()-before)
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(float64(medianOf(took).Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(medianOf(wire)), "median-wire-B")
}

// BenchmarkNoopSyncWire: a sync with nothing to push or pull beside n
// records (issue 4: < 20 ms), with its bytes on the wire.
func BenchmarkNoopSyncWire(b *testing.B) {
	srv := seededServer(b, benchN())
	ctx := context.Background()
	c, _, w := countedLaptop(b, srv)
	var took []time.Duration
	var wire []int64
	b.ResetTimer()
	for range b.N {
		before := w.n.Load()
		start := time.Now()
		rep, err := c.Sync(ctx)
		took = append(took, time.Since(start))
		if err != nil || rep.Pulled != 0 || rep.Pushed != 0 {
			b.Fatalf("sync: %+v, %v", rep, err)
		}
		wire = append(wire, w.n.Load()-before)
	}
	b.StopTimer()
	b.ReportMetric(float64(medianOf(took).Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(medianOf(wire)), "median-wire-B")
}
