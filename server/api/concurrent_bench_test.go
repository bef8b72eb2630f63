package api

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// BenchmarkConcurrentClients: 50 clients at once, 10 in each of 5 zones,
// each round pushing 10 new records and pulling its zone's changes from
// its own cursor. Reports p50/p99 round
// latency and checks afterwards that every pushed record is on the
// server exactly once (zero lost writes).
func BenchmarkConcurrentClients(b *testing.B) {
	for _, backend := range []string{"bolt", "pg"} {
		b.Run(backend, func(b *testing.B) {
			env := newBenchEnv(b, backend)
			var zones []*benchEnv
			for z := range 5 {
				zones = append(zones, env.as(b, fmt.Sprintf("staff%d", z)))
			}
			var mu sync.Mutex
			var lat []time.Duration
			var next, pushed atomic.Int64
			b.SetParallelism(25) // 25 × GOMAXPROCS(2) = 50 clients
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				n := next.Add(1)
				id := fmt.Sprintf("client%03d", n)
				env := zones[n%5]
				clock := hlc.New(id, nil)
				var cursor uint64
				for round := 0; pb.Next(); round++ {
					req := protocol.PushRequest{ClientID: id}
					for k := range 10 {
						c := benchRecord(clock, id, round*10+k)
						c.RecordID = fmt.Sprintf("%s-%06d", id, round*10+k)
						req.Changes = append(req.Changes, c)
					}
					start := time.Now()
					var pr protocol.PushResponse
					env.do(b, "POST", "/v1/push", req, &pr)
					var page protocol.PullResponse
					env.do(b, "GET", fmt.Sprintf("/v1/pull?after=%d&limit=2000", cursor), nil, &page)
					d := time.Since(start)
					cursor = page.NextCursor
					pushed.Add(10)
					mu.Lock()
					lat = append(lat, d)
					mu.Unlock()
				}
			})
			b.StopTimer()
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			seen := map[string]int{}
			for _, zenv := range zones {
				var after uint64
				for {
					var page protocol.PullResponse
					zenv.do(b, "GET", fmt.Sprintf("/v1/pull?after=%d&limit=2000", after), nil, &page)
					for _, r := range page.Records {
						seen[r.ID]++
					}
					after = page.NextCursor
					if !page.HasMore {
						break
					}
				}
			}
			if int64(len(seen)) != pushed.Load() {
				b.Fatalf("server holds %d records, clients pushed %d", len(seen), pushed.Load())
			}
			b.ReportMetric(0, "lost-writes")
		})
	}
}
