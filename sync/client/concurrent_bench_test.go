package client

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/server/api"
	"github.com/shanhaifield/shanhai/server/auth"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/server/store/boltstore"
	"github.com/shanhaifield/shanhai/server/store/pgstore"
	"github.com/shanhaifield/shanhai/storage"
)

// Workload of BenchmarkConcurrentLaptops: each laptop makes
// concurrentRounds rounds of concurrentCreates new enterprises and one
// Sync, all laptops at once.
const (
	concurrentLaptops = 50
	concurrentRounds  = 10
	concurrentCreates = 5
)

// benchStore opens a server store on backend "bolt" or "pg" (a fresh
// PostgreSQL schema, dropped afterwards; skipped without
// SHANHAI_TEST_POSTGRES).
func benchStore(b *testing.B, backend string) store.Store {
	b.Helper()
	ctx := context.Background()
	if backend == "bolt" {
		st, err := boltstore.Open(ctx, filepath.Join(b.TempDir(), "server.db"), store.Hooks{})
		if err != nil {
			b.Fatal(err)
		}
		return st
	}
	dsn := os.Getenv("SHANHAI_TEST_POSTGRES")
	if dsn == "" {
		b.Skip("SHANHAI_TEST_POSTGRES not set")
	}
	x := make([]byte, 6)
	rand.Read(x)
	schema := "bench_" + hex.EncodeToString(x)
	st, err := pgstore.Open(ctx, dsn, pgstore.Options{Schema: schema})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if conn, err := pgx.Connect(ctx, dsn); err == nil {
			conn.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE")
			conn.Close(ctx)
		}
	})
	return st
}

// BenchmarkConcurrentLaptops: 50 real clients, each with its own bbolt
// store and HTTP connections, create records and sync at the same time
// against a real server on each backend. Reports the p50 and p99 of one
// Sync (push + pull), then checks that every record made is on the
// server exactly once and on every laptop (zero lost writes).
func BenchmarkConcurrentLaptops(b *testing.B) {
	for _, backend := range []string{"bolt", "pg"} {
		b.Run(backend, func(b *testing.B) {
			for range b.N {
				lat := runLaptops(b, backend)
				b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			}
		})
	}
}

// runLaptops runs the workload once and returns the sorted Sync times.
func runLaptops(b *testing.B, backend string) []time.Duration {
	b.StopTimer()
	ctx := context.Background()
	st := benchStore(b, backend)
	hash, _ := auth.HashPassword("pw", cheap)
	for i := range concurrentLaptops {
		if err := st.PutUser(ctx, store.User{Name: fmt.Sprintf("staff%02d", i), Zone: "zone-a", Role: store.RoleStaff, Hash: hash}); err != nil {
			b.Fatal(err)
		}
	}
	srv := &api.Server{Store: st, Auth: &auth.Service{Store: st, MaxAttempts: 1000},
		Log: slog.New(slog.NewJSONHandler(io.Discard, nil))}
	hs := httptest.NewServer(srv.Handler())
	defer func() { hs.Close(); st.Close() }()
	laptops := make([]*Client, concurrentLaptops)
	stores := make([]*storage.Store, concurrentLaptops)
	for i := range laptops {
		s, err := storage.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("laptop%02d.db", i)), storage.Options{Author: fmt.Sprintf("staff%02d", i)})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		stores[i] = s
		laptops[i] = New(s, Options{Log: quiet, HTTP: (&wireCounter{}).client()})
		if _, err := laptops[i].Login(ctx, hs.URL, fmt.Sprintf("staff%02d", i), "pw"); err != nil {
			b.Fatal(err)
		}
	}
	var mu sync.Mutex
	var lat []time.Duration
	made := map[string]bool{}
	var wg sync.WaitGroup
	errs := make(chan error, concurrentLaptops)
	b.StartTimer()
	for i := range laptops {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range concurrentRounds {
				var ids []string
				for k := range concurrentCreates {
					e := &record.Enterprise{Name: fmt.Sprintf("并发测试%02d-%02d-%d有限公司", i, r, k), Stage: record.StageLead}
					if err := stores[i].Create(ctx, e); err != nil {
						errs <- err
						return
					}
					ids = append(ids, e.ID)
				}
				start := time.Now()
				if _, err := laptops[i].Sync(ctx); err != nil {
					errs <- fmt.Errorf("laptop %d round %d: %w", i, r, err)
					return
				}
				d := time.Since(start)
				mu.Lock()
				lat = append(lat, d)
				for _, id := range ids {
					made[id] = true
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	checkNoLostWrites(b, st, laptops, stores, made)
	slices.Sort(lat)
	return lat
}

// checkNoLostWrites syncs every laptop once more, then checks that the
// server holds every record made exactly once and so does every laptop.
func checkNoLostWrites(b *testing.B, st store.Store, laptops []*Client, stores []*storage.Store, made map[string]bool) {
	ctx := context.Background()
	want := concurrentLaptops * concurrentRounds * concurrentCreates
	if len(made) != want {
		b.Fatalf("%d records made, want %d", len(made), want)
	}
	admin := store.Principal{Name: "root", Zone: "zone-a", Role: store.RoleAdmin}
	seen := map[string]int{}
	for after, more := uint64(0), true; more; {
		page, err := st.Pull(ctx, admin, after, 2000)
		if err != nil {
			b.Fatal(err)
		}
		recs, err := page.Decode()
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range recs {
			seen[r.ID]++
		}
		after, more = page.NextCursor, page.HasMore
	}
	for id := range made {
		if seen[id] != 1 {
			b.Fatalf("server holds record %s %d times", id, seen[id])
		}
	}
	if len(seen) != want {
		b.Fatalf("server holds %d records, want %d", len(seen), want)
	}
	for i, c := range laptops {
		if rep, err := c.Sync(ctx); err != nil || rep.Pending != 0 {
			b.Fatalf("laptop %d final sync: %+v, %v", i, rep, err)
		}
		recs, err := stores[i].List(ctx, record.KindEnterprise, storage.ListOptions{})
		if err != nil {
			b.Fatal(err)
		}
		have := map[string]bool{}
		for _, r := range recs {
			have[r.Header().ID] = true
		}
		for id := range made {
			if !have[id] {
				b.Fatalf("laptop %d lacks record %s", i, id)
			}
		}
		if len(recs) != want {
			b.Fatalf("laptop %d holds %d records, want %d", i, len(recs), want)
		}
	}
}
