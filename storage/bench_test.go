package storage

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sealing"
	"github.com/shanhaifield/shanhai/search/searchtest"
)

// Benchmark sizes from the issue: a zone's whole history, 100k
// enterprises with two contacts each.
const (
	benchEnterprises = 100_000
	benchContacts    = 2 * benchEnterprises
	benchChunk       = 10_000 // records per BulkCreate transaction
)

// fixture is the 100k store file shared by the read benchmarks of one
// `go test` run; TestMain removes it.
var fixture struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixture.dir != "" {
		os.RemoveAll(fixture.dir)
	}
	os.Exit(code)
}

// benchRecords builds fresh records from the synthetic data: enterprises
// first, then their contacts in chunks of benchChunk.
func benchRecords(ents []searchtest.Enterprise, people []searchtest.Person) (entChunks, conChunks [][]record.Record, fill func()) {
	es := make([]*record.Enterprise, len(ents))
	var chunk []record.Record
	for i, e := range ents {
		es[i] = &record.Enterprise{Name: e.Name, ShortName: e.ShortName, Address: e.Address,
			CreditCode: e.CreditCode, IndustryCode: e.IndustryCode, RegionCode: e.RegionCode}
		chunk = append(chunk, es[i])
		if len(chunk) == benchChunk {
			entChunks, chunk = append(entChunks, chunk), nil
		}
	}
	if len(chunk) > 0 {
		entChunks, chunk = append(entChunks, chunk), nil
	}
	cs := make([]*record.Contact, len(people))
	for i, p := range people {
		cs[i] = &record.Contact{Name: p.Name, Title: p.Title, Mobile: p.Mobile}
		chunk = append(chunk, cs[i])
		if len(chunk) == benchChunk {
			conChunks, chunk = append(conChunks, chunk), nil
		}
	}
	if len(chunk) > 0 {
		conChunks = append(conChunks, chunk)
	}
	// Contacts learn their enterprise's ID once the enterprises are stored.
	fill = func() {
		for i, c := range cs {
			c.EnterpriseID = es[i%len(es)].ID
		}
	}
	return entChunks, conChunks, fill
}

var benchData = sync.OnceValues(func() ([]searchtest.Enterprise, []searchtest.Person) {
	return searchtest.Enterprises(benchEnterprises, 1), searchtest.People(benchContacts, 1)
})

// fillStore writes the 100k enterprises and 200k contacts into s.
func fillStore(ctx context.Context, s *Store) error {
	ents, people := benchData()
	entChunks, conChunks, fill := benchRecords(ents, people)
	for _, c := range entChunks {
		if err := s.BulkCreate(ctx, c); err != nil {
			return err
		}
	}
	fill()
	for _, c := range conChunks {
		if err := s.BulkCreate(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkBulkInsert100k inserts into an encrypted store, as the CLI and
// the window make them: the 200k contacts are sealed (issue 7).
func BenchmarkBulkInsert100k(b *testing.B) {
	benchBulkInsert(b, Options{Author: "bench", Passphrase: []byte("bench"), KeyCost: sealing.LowCostParams()})
}

// BenchmarkBulkInsert100kPlain is the same into a plaintext store: the
// peer that shows what sealing costs.
func BenchmarkBulkInsert100kPlain(b *testing.B) {
	benchBulkInsert(b, Options{Author: "bench"})
}

func benchBulkInsert(b *testing.B, opts Options) {
	ctx := context.Background()
	benchData()
	b.ResetTimer() // generating the synthetic data is not the insert
	cpu0 := cpuTime()
	for i := range b.N {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), fmt.Sprintf("bulk%d.db", i))
		s, err := Open(ctx, path, opts)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := fillStore(ctx, s); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		if info, err := os.Stat(path); err == nil {
			b.ReportMetric(float64(info.Size())/(1<<20), "file-MiB")
		}
		os.Remove(path)
		b.StartTimer()
	}
	// CPU seconds per run: steadier than wall time on a shared machine.
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}

// cpuTime is the user+system CPU this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// fixturePath builds the 100k store once per process.
func fixturePath(b *testing.B) string {
	b.Helper()
	fixture.once.Do(func() {
		ctx := context.Background()
		fixture.dir, fixture.err = os.MkdirTemp("", "shanhai-bench-")
		if fixture.err != nil {
			return
		}
		fixture.path = filepath.Join(fixture.dir, FileName)
		s, err := Open(ctx, fixture.path, Options{Author: "bench"})
		if err != nil {
			fixture.err = err
			return
		}
		fixture.err = fillStore(ctx, s)
		if err := s.Close(); fixture.err == nil {
			fixture.err = err
		}
	})
	if fixture.err != nil {
		b.Fatalf("build fixture: %v", fixture.err)
	}
	return fixture.path
}

// benchQueries are 1–4 character Chinese queries taken from the data and
// pinyin queries as staff type them.
func benchQueries() []string {
	ents, people := benchData()
	var qs []string
	for i := 0; i < 40; i++ {
		name := []rune(ents[(i*7919)%len(ents)].Name)
		n := 1 + i%4
		start := min(2, len(name)-n) // skip the province, take the stem
		qs = append(qs, string(name[start:start+n]))
		p := []rune(people[(i*104729)%len(people)].Name)
		qs = append(qs, string(p[:min(len(p), 1+i%3)]))
	}
	qs = append(qs, "sl", "slwj", "zj", "hz", "nb", "wang", "zhang", "siliang", "dq", "jx", "8000", "9133")
	return qs
}

func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, fixturePath(b), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	if err := s.BuildSearchIndex(ctx); err != nil {
		b.Fatal(err)
	}
	build := time.Since(start)
	qs := benchQueries()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		if _, err := s.Search(ctx, qs[i%len(qs)], 50); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(build.Milliseconds()), "index-build-ms") // after ResetTimer, which drops metrics
}

func BenchmarkOpenFirstPage(b *testing.B) {
	ctx := context.Background()
	path := fixturePath(b)
	b.ResetTimer()
	for range b.N {
		s, err := Open(ctx, path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		page, err := s.List(ctx, record.KindEnterprise, ListOptions{Limit: 50})
		if err != nil || len(page) != 50 {
			b.Fatalf("first page: %d records, %v", len(page), err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCountPending is what a status bar asks of the 100k store: how
// many enterprises, and how many changes wait for sync.
func BenchmarkCountPending(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, fixturePath(b), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	for range b.N {
		if n, err := s.Count(ctx, record.KindEnterprise); err != nil || n != benchEnterprises {
			b.Fatalf("Count = %d, %v", n, err)
		}
		if n, err := s.Pending(ctx); err != nil || n != benchEnterprises+benchContacts {
			b.Fatalf("Pending = %d, %v", n, err)
		}
	}
}
