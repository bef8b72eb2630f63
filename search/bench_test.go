package search_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mozillazg/go-pinyin"
	"github.com/shanhaifield/shanhai/search"
	"github.com/shanhaifield/shanhai/search/searchtest"
)

// The benchmark corpus: the sizes the store must handle.
const (
	benchEnterprises = 100_000
	benchContacts    = 200_000
	benchSeed        = 1
	pageSize         = 20 // one UI page
)

// corpus builds the documents and one index over them once per test binary.
var corpus = sync.OnceValues(func() ([]search.Doc, *search.Index) {
	docs := corpusDocs()
	ix := search.New()
	ix.PutAll(docs)
	return docs, ix
})

func corpusDocs() []search.Doc {
	docs := make([]search.Doc, 0, benchEnterprises+benchContacts)
	for i, e := range searchtest.Enterprises(benchEnterprises, benchSeed) {
		docs = append(docs, search.Doc{ID: fmt.Sprintf("E%06d", i), Kind: search.KindEnterprise,
			Name: e.Name, ShortName: e.ShortName, Address: e.Address, CreditCode: e.CreditCode})
	}
	for i, p := range searchtest.People(benchContacts, benchSeed) {
		docs = append(docs, search.Doc{ID: fmt.Sprintf("C%06d", i), Kind: search.KindContact,
			EnterpriseID: fmt.Sprintf("E%06d", i%benchEnterprises), Name: p.Name, Mobiles: []string{p.Mobile}})
	}
	return docs
}

// BenchmarkBuild builds the 100k + 200k index; heap-MB is what the built
// index keeps live, cpu-ms the CPU time of this process per build (less
// sensitive than wall time to other work on a shared machine).
func BenchmarkBuild(b *testing.B) {
	docs, _ := corpus()
	var ix *search.Index
	var before, after runtime.MemStats
	var cpu time.Duration
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := cpuTime()
		ix = search.New()
		ix.PutAll(docs)
		cpu += cpuTime() - start
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms")
	runtime.KeepAlive(ix)
}

// typedQueries returns what a person types, keystroke by keystroke, to
// find n sampled documents: 1–4 Chinese characters from the start of the
// name and of the 字号 (third character on), and 1–6 letters of full
// pinyin and of initials from the same places.
func typedQueries(docs []search.Doc, n int) (chinese, letters []string) {
	rng := rand.New(rand.NewPCG(7, 7))
	args := pinyin.Args{Style: pinyin.Normal}
	for range n {
		d := docs[rng.IntN(len(docs))]
		rs := []rune(d.Name)
		starts := []int{0}
		if len(rs) > 6 {
			starts = append(starts, 2)
		}
		for _, s := range starts {
			for k := 1; k <= 4 && s+k <= len(rs); k++ {
				chinese = append(chinese, string(rs[s:s+k]))
			}
			syls := pinyin.LazyPinyin(string(rs[s:]), args)
			full, initials := strings.Join(syls, ""), ""
			for _, syl := range syls {
				initials += syl[:1]
			}
			for k := 1; k <= 6; k++ {
				if k <= len(full) {
					letters = append(letters, full[:k])
				}
				if k <= len(initials) && k <= 4 {
					letters = append(letters, initials[:k])
				}
			}
		}
	}
	return chinese, letters
}

func benchQueries(b *testing.B, qs []string) {
	_, ix := corpus()
	i := 0
	for b.Loop() {
		ix.Query(qs[i%len(qs)], pageSize)
		i++
	}
}

// BenchmarkQueryChinese: search-as-you-type with 1–4 Chinese characters.
func BenchmarkQueryChinese(b *testing.B) {
	docs, _ := corpus()
	chinese, _ := typedQueries(docs, 500)
	for k := 1; k <= 4; k++ {
		qs := slices.DeleteFunc(slices.Clone(chinese), func(q string) bool { return len([]rune(q)) != k })
		b.Run(fmt.Sprintf("runes=%d", k), func(b *testing.B) { benchQueries(b, qs) })
	}
}

// BenchmarkQueryPinyin: search-as-you-type with 1–6 letters.
func BenchmarkQueryPinyin(b *testing.B) {
	docs, _ := corpus()
	_, letters := typedQueries(docs, 500)
	for k := 1; k <= 6; k++ {
		qs := slices.DeleteFunc(slices.Clone(letters), func(q string) bool { return len(q) != k })
		b.Run(fmt.Sprintf("letters=%d", k), func(b *testing.B) { benchQueries(b, qs) })
	}
}

// BenchmarkQueryOther: credit code prefixes, mobile suffixes and two-term
// queries.
func BenchmarkQueryOther(b *testing.B) {
	docs, _ := corpus()
	var code, mobile, and []string
	for i := 0; i < 1000; i++ {
		e, c := docs[i*97%benchEnterprises], docs[benchEnterprises+i*193%benchContacts]
		code = append(code, e.CreditCode[:2+i%10])
		m := c.Mobiles[0]
		mobile = append(mobile, m[len(m)-4-i%4:])
		rs := []rune(e.Name)
		and = append(and, string(rs[2:4])+" "+e.ShortName[len(e.ShortName)-6:])
	}
	for _, tt := range []struct {
		name string
		qs   []string
	}{{"credit_code", code}, {"mobile", mobile}, {"two_terms", and}} {
		b.Run(tt.name, func(b *testing.B) { benchQueries(b, tt.qs) })
	}
}

// BenchmarkQueryLatency times every typed query once per iteration and
// reports the latency distribution of single queries.
func BenchmarkQueryLatency(b *testing.B) {
	docs, ix := corpus()
	chinese, letters := typedQueries(docs, 400)
	qs := append(chinese, letters...)
	lat := make([]time.Duration, 0, len(qs)*max(b.N, 1))
	for b.Loop() {
		for _, q := range qs {
			start := time.Now()
			ix.Query(q, pageSize)
			lat = append(lat, time.Since(start))
		}
	}
	slices.Sort(lat)
	ms := func(p float64) float64 {
		return float64(lat[min(int(p*float64(len(lat))), len(lat)-1)]) / float64(time.Millisecond)
	}
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
	b.ReportMetric(ms(1), "max-ms")
	b.ReportMetric(float64(len(qs)), "queries")
}
