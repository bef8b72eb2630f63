package app

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/mozillazg/go-pinyin"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/search/searchtest"
	"github.com/shanhaifield/shanhai/storage"
)

// benchStore100k opens a store of 100k enterprises and 200k contacts
// (searchtest's synthetic data, as scripts/mkstore writes): the one in
// $SHANHAI_BENCH_DATA when set (e.g. made by scripts/measure-client.sh),
// else a new one in a temporary folder, which takes a while.
func benchStore100k(b *testing.B) (*storage.Store, []searchtest.Enterprise) {
	b.Helper()
	ctx := context.Background()
	const n = 100_000
	ents := searchtest.Enterprises(n, 1)
	dir := os.Getenv("SHANHAI_BENCH_DATA")
	fill := dir == ""
	if fill {
		dir = b.TempDir()
	}
	s, err := storage.Open(ctx, filepath.Join(dir, storage.FileName), storage.Options{Author: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if !fill {
		return s, ents
	}
	es := make([]record.Record, n)
	for i, e := range ents {
		es[i] = &record.Enterprise{Name: e.Name, ShortName: e.ShortName, Address: e.Address,
			CreditCode: e.CreditCode, IndustryCode: e.IndustryCode, RegionCode: e.RegionCode}
	}
	bulk(b, s, es)
	// Contacts name their enterprise, whose ID BulkCreate has just given.
	cs := make([]record.Record, 2*n)
	for i, p := range searchtest.People(2*n, 1) {
		cs[i] = &record.Contact{EnterpriseID: es[i%n].Header().ID, Name: p.Name, Title: p.Title, Mobile: p.Mobile}
	}
	bulk(b, s, cs)
	return s, ents
}

// bulk creates recs in batches of 10,000.
func bulk(b *testing.B, s *storage.Store, recs []record.Record) {
	b.Helper()
	for i := 0; i < len(recs); i += 10_000 {
		if err := s.BulkCreate(context.Background(), recs[i:min(i+10_000, len(recs))]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKeystroke100k types into the enterprise screen's search box
// over a real 100k store, as a person finds an enterprise: 1–4 Chinese
// characters of its name (from the start and from the 字号), or 1–4
// letters of its pinyin initials and 2–6 of its full pinyin, one keystroke
// at a time. Each keystroke is timed from the typed character to the list
// holding the new rows and the window laid out again; the figures are
// per keystroke over every sequence typed.
func BenchmarkKeystroke100k(b *testing.B) {
	store, ents := benchStore100k(b)
	ctx := context.Background()
	if err := store.BuildSearchIndex(ctx); err != nil { // the app builds it at start
		b.Fatal(err)
	}
	test.NewTempApp(b)
	s := newEnterpriseScreen(ctx, store, nil)
	s.spawn = func(f func()) { f() }
	w := test.NewWindow(s.content)
	defer w.Close()
	w.Resize(fyne.NewSize(960, 640))
	s.reload()

	chinese, letters := keystrokes(ents, 60)
	for _, tt := range []struct {
		name string
		seqs [][]string
	}{{"chinese", chinese}, {"pinyin", letters}} {
		b.Run(tt.name, func(b *testing.B) {
			// The CPU time of this thread (the UI goroutine locked to it)
			// is reported beside wall time: on a shared machine it
			// shows the work a keystroke costs without the waiting.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			var lat, cpu []time.Duration
			for b.Loop() {
				for _, seq := range tt.seqs {
					s.search.SetText("")
					for _, key := range seq {
						start, cpu0 := time.Now(), threadCPU()
						test.Type(s.search, key)
						w.Canvas().Content().Refresh()
						lat = append(lat, time.Since(start))
						cpu = append(cpu, threadCPU()-cpu0)
					}
				}
			}
			report := func(d []time.Duration, unit string) {
				slices.Sort(d)
				for _, p := range []struct {
					q    float64
					name string
				}{{0.5, "p50"}, {0.99, "p99"}} {
					v := d[min(int(p.q*float64(len(d))), len(d)-1)]
					b.ReportMetric(float64(v)/float64(time.Millisecond), p.name+"-"+unit)
				}
			}
			report(lat, "ms")
			report(cpu, "cpu-ms")
			b.ReportMetric(float64(len(lat))/float64(b.N), "keys")
		})
	}
}

// keystrokes returns n sampled enterprises' names as typed: Chinese
// sequences of up to four characters and pinyin sequences of letters.
func keystrokes(ents []searchtest.Enterprise, n int) (chinese, letters [][]string) {
	rng := rand.New(rand.NewPCG(3, 3))
	args := pinyin.Args{Style: pinyin.Normal}
	for range n {
		rs := []rune(ents[rng.IntN(len(ents))].Name)
		for _, from := range []int{0, 2} {
			if from+4 > len(rs) {
				continue
			}
			var seq []string
			for _, r := range rs[from : from+4] {
				seq = append(seq, string(r))
			}
			chinese = append(chinese, seq)
			syls := pinyin.LazyPinyin(string(rs[from:from+4]), args)
			var initials []string
			for _, syl := range syls {
				initials = append(initials, syl[:1])
			}
			letters = append(letters, initials)
			full := strings.Split(strings.Join(syls, "")[:min(6, len(strings.Join(syls, "")))], "")
			letters = append(letters, full)
		}
	}
	return chinese, letters
}

// threadCPU is the user+system CPU time of the calling OS thread.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	const rusageThread = 1 // RUSAGE_THREAD, Linux
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
