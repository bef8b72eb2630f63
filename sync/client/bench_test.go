package client

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/oklog/ulid/v2"
	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/storage"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// benchN is the number of synthetic records; SHANHAI_BENCH_N overrides
// the 100k of issue 4.
func benchN() int {
	if n, err := strconv.Atoi(os.Getenv("SHANHAI_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// benchChange is the i-th synthetic enterprise, about 510 bytes of field
// JSON like ../shared/bench/pouchdb-peer's makeDoc (example data).
func benchChange(clock *hlc.Clock, i int) protocol.Change {
	stamp := clock.Now().String()
	f := map[string]any{
		"name": fmt.Sprintf("浙江山海示例%07d智能制造有限公司", i), "short_name": fmt.Sprintf("示例%d", i),
		"credit_code": fmt.Sprintf("91330000MA%08d", i%100000000), "industry_code": []string{"C24", "C39", "C35", "I65"}[i%4],
		"region_code": "3311" + fmt.Sprintf("%02d", i%27), "address": fmt.Sprintf("丽水市莲都区南明山街道%d号", i),
		"employees": i % 250, "revenue_wan": float64(i%9000) + 0.5, "stage": "visited", "zone_id": "zone-a",
		"tags": []string{"山海协作", "链主"}, "source": "上虞经开区转介", "notes": "已走访，选址需求已复核。",
	}
	id := ulid.MustNew(uint64(1_764_000_000_000+i), ulid.DefaultEntropy()).String()
	ch := protocol.Change{ClientSeq: uint64(i + 1), MutationID: fmt.Sprintf("seed-%08d", i), Kind: "enterprise",
		RecordID: id, Op: protocol.OpPut, Fields: map[string]json.RawMessage{}, Versions: map[string]string{}}
	for k, v := range f {
		b, _ := json.Marshal(v)
		ch.Fields[k] = b
		ch.Versions[k] = stamp
	}
	return ch
}

// seededServer starts a server holding n synthetic records of zone-a.
func seededServer(b *testing.B, n int) *testServer {
	b.Helper()
	srv := startServer(b, nil)
	b.Cleanup(srv.stop)
	ctx := context.Background()
	clock := hlc.New("seed", nil)
	p := store.Principal{Name: "alice", Zone: "zone-a", Role: store.RoleStaff}
	for start := 0; start < n; start += protocol.MaxBatch {
		req := protocol.PushRequest{ClientID: "seed"}
		for i := start; i < min(n, start+protocol.MaxBatch); i++ {
			req.Changes = append(req.Changes, benchChange(clock, i))
		}
		srv.mu.Lock()
		_, err := srv.st.Push(ctx, p, req, time.Now())
		srv.mu.Unlock()
		if err != nil {
			b.Fatal(err)
		}
	}
	return srv
}

// emptyLaptop opens a fresh client store logged in to srv.
func emptyLaptop(b *testing.B, srv *testServer, page int) (*Client, *storage.Store) {
	b.Helper()
	ctx := context.Background()
	st, err := storage.Open(ctx, filepath.Join(b.TempDir(), "client.db"), storage.Options{Author: "alice"})
	if err != nil {
		b.Fatal(err)
	}
	c := New(st, Options{Log: quiet, Page: page})
	if _, err := c.Login(ctx, srv.url(), "alice", "pw-alice"); err != nil {
		b.Fatal(err)
	}
	return c, st
}

// BenchmarkInitialPull pulls every record into an empty client store
// (real server, HTTP with gzip, one bbolt transaction per page).
func BenchmarkInitialPull(b *testing.B) {
	n := benchN()
	srv := seededServer(b, n)
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		c, st := emptyLaptop(b, srv, protocol.MaxPage)
		b.StartTimer()
		start, cpu := time.Now(), processCPU()
		rep, err := c.Sync(ctx)
		took, cpu := time.Since(start), processCPU()-cpu
		b.StopTimer()
		if err != nil || rep.Pulled != n {
			b.Fatalf("sync: %+v, %v", rep, err)
		}
		b.ReportMetric(float64(n)/took.Seconds(), "docs/s")
		b.ReportMetric(cpu.Seconds(), "cpu-s") // client and server, all cores
		st.Close()
		b.StartTimer()
	}
}

// BenchmarkNoopSync is a sync with nothing to push or pull beside n
// records already pulled.
func BenchmarkNoopSync(b *testing.B) {
	n := benchN()
	srv := seededServer(b, n)
	ctx := context.Background()
	c, st := emptyLaptop(b, srv, protocol.MaxPage)
	defer st.Close()
	if _, err := c.Sync(ctx); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		rep, err := c.Sync(ctx)
		if err != nil || rep.Pulled != 0 || rep.Pushed != 0 {
			b.Fatalf("sync: %+v, %v", rep, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/sync")
}

// BenchmarkIncrementalSync pulls 10 changes made elsewhere into a client
// that already holds n records.
func BenchmarkIncrementalSync(b *testing.B) {
	n := benchN()
	srv := seededServer(b, n)
	ctx := context.Background()
	c, st := emptyLaptop(b, srv, protocol.MaxPage)
	defer st.Close()
	if _, err := c.Sync(ctx); err != nil {
		b.Fatal(err)
	}
	clock := hlc.New("editor", nil)
	p := store.Principal{Name: "alice", Zone: "zone-a", Role: store.RoleStaff}
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
		b.StartTimer()
		rep, err := c.Sync(ctx)
		if err != nil || rep.Pulled != 10 {
			b.Fatalf("sync: %+v, %v", rep, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/sync")
}

// importedLaptop is a client store holding n enterprises created offline
// (a bulk import), all in the outbox, logged in to a fresh server.
func importedLaptop(b *testing.B, n int) (*testServer, *Client, *storage.Store) {
	b.Helper()
	srv := startServer(b, nil)
	c, st := emptyLaptop(b, srv, protocol.MaxPage)
	recs := make([]record.Record, n)
	for i := range recs {
		recs[i] = &record.Enterprise{Name: fmt.Sprintf("浙江山海示例%07d智能制造有限公司", i), ShortName: fmt.Sprintf("示例%d", i),
			IndustryCode: "39", Address: fmt.Sprintf("丽水市莲都区南明山街道%d号", i), Stage: record.StageVisited,
			Tags: []string{"山海协作", "链主"}, Source: "上虞经开区转介", Notes: "已走访，选址需求已复核。"}
	}
	if err := st.BulkCreate(context.Background(), recs); err != nil {
		b.Fatal(err)
	}
	return srv, c, st
}

// BenchmarkInitialPush pushes n records created offline (bulk import)
// from a client store to an empty server until the outbox is empty: the
// push half of a sync, what the peer's replicate.to measures.
func BenchmarkInitialPush(b *testing.B) {
	n := benchN()
	ctx := context.Background()
	for range b.N {
		b.StopTimer()
		srv, c, st := importedLaptop(b, n)
		ss, err := st.SyncState(ctx)
		if err != nil {
			b.Fatal(err)
		}
		var rep Report
		b.StartTimer()
		start := time.Now()
		err = c.push(ctx, ss, &rep)
		took := time.Since(start)
		b.StopTimer()
		if pending, _ := st.Pending(ctx); err != nil || rep.Pushed != n || pending != 0 {
			b.Fatalf("push: %+v, %d pending, %v", rep, pending, err)
		}
		b.ReportMetric(float64(n)/took.Seconds(), "docs/s")
		st.Close()
		srv.stop()
		b.StartTimer()
	}
}

// BenchmarkImportSync is a whole Sync after a bulk import of n records:
// the push and the pull that follows it.
func BenchmarkImportSync(b *testing.B) {
	n := benchN()
	ctx := context.Background()
	for range b.N {
		b.StopTimer()
		srv, c, st := importedLaptop(b, n)
		b.StartTimer()
		start := time.Now()
		rep, err := c.Sync(ctx)
		took := time.Since(start)
		b.StopTimer()
		if err != nil || rep.Pushed != n {
			b.Fatalf("sync: %+v, %v", rep, err)
		}
		b.ReportMetric(float64(n)/took.Seconds(), "docs/s")
		st.Close()
		srv.stop()
		b.StartTimer()
	}
}

// BenchmarkPullTransferOnly fetches and decodes every pull page without
// applying it: the network and JSON part of BenchmarkInitialPull, to
// show how much of an initial pull is the local store.
func BenchmarkPullTransferOnly(b *testing.B) {
	n := benchN()
	srv := seededServer(b, n)
	ctx := context.Background()
	c, st := emptyLaptop(b, srv, protocol.MaxPage)
	defer st.Close()
	ss, err := st.SyncState(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		start, got, hint := time.Now(), 0, firstPageHint
		for cursor, more := uint64(0), true; more; {
			path := "/v1/pull?after=" + strconv.FormatUint(cursor, 10) + "&limit=" + strconv.Itoa(c.page)
			page, size, err := c.getPage(ctx, ss.Server, path, ss.Token, hint)
			if err != nil {
				b.Fatal(err)
			}
			got += len(page.Records)
			cursor, more, hint = page.NextCursor, page.HasMore, size
		}
		if got != n {
			b.Fatalf("fetched %d of %d", got, n)
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "docs/s")
	}
}
