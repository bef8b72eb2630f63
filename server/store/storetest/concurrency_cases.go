package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// testOutOfOrderCommit: push "slow" starts first and takes its sequence
// number, then stalls before commit; push "fast" starts after it. A
// reader that pulls in between and stores its cursor must still get both
// records later. With a plain PostgreSQL bigserial, fast would commit seq
// N+1 while slow still holds N, the reader would advance past N and never
// see slow's record.
func testOutOfOrderCommit(t *testing.T, newStore NewStore) {
	started, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	s := newStore(t, store.Hooks{BeforeCommit: func(ctx context.Context, req protocol.PushRequest) {
		if req.ClientID == "slow" {
			once.Do(func() { close(started) })
			<-release
		}
	}})
	slow, fast := newClient("slow"), newClient("fast")
	errs := make(chan error, 2)
	go func() {
		_, err := s.Push(context.Background(), staffA, slow.batch(slow.put("enterprise", "e-slow", "name", `"慢"`)), now)
		errs <- err
	}()
	<-started
	fastDone := make(chan error, 1)
	go func() {
		_, err := s.Push(context.Background(), staffA, fast.batch(fast.put("enterprise", "e-fast", "name", `"快"`)), now)
		fastDone <- err
	}()
	// Give fast every chance to commit first (it must not be able to
	// publish a sequence number above slow's), then read.
	select {
	case err := <-fastDone:
		errs <- err
	case <-time.After(300 * time.Millisecond):
		go func() { errs <- <-fastDone }()
	}
	mid, cursor := pullAll(t, s, staffA, 0, 100)
	close(release)
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatalf("push: %v", err)
		}
	}
	rest, _ := pullAll(t, s, staffA, cursor, 100)
	got := byID(append(mid, rest...))
	if _, ok := got["e-slow"]; !ok {
		t.Fatalf("slow commit skipped: mid-pull %v (cursor %d), later %v", ids(mid), cursor, ids(rest))
	}
	if _, ok := got["e-fast"]; !ok {
		t.Fatalf("fast commit missing: %v %v", ids(mid), ids(rest))
	}
}

// testConcurrent: many clients push at once while a reader pulls
// incrementally; every applied change is seen exactly once at its final
// state and sequence numbers are unique.
func testConcurrent(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	const clients, batches, per = 6, 8, 5
	var wg sync.WaitGroup
	errs := make(chan error, clients*batches)
	for ci := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newClient(fmt.Sprintf("c%d", ci))
			for bi := range batches {
				var changes []protocol.Change
				for k := range per {
					changes = append(changes, c.put("enterprise", fmt.Sprintf("e-%d-%d-%d", ci, bi, k), "name", `"并发"`))
				}
				if _, err := s.Push(context.Background(), staffA, c.batch(changes...), now); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	seen := map[string]int{}
	var cursor uint64
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	for finished := false; !finished; {
		select {
		case <-done:
			finished = true
		default:
		}
		var recs []protocol.Record
		recs, cursor = pullAll(t, s, staffA, cursor, 17)
		for _, r := range recs {
			seen[r.ID]++
		}
	}
	close(errs)
	for err := range errs {
		t.Fatalf("push: %v", err)
	}
	recs, _ := pullAll(t, s, staffA, cursor, 100)
	for _, r := range recs {
		seen[r.ID]++
	}
	if len(seen) != clients*batches*per {
		t.Fatalf("incremental reader saw %d records, want %d", len(seen), clients*batches*per)
	}
	for id, n := range seen {
		if n != 1 {
			t.Fatalf("record %s seen %d times", id, n)
		}
	}
}

func ids(recs []protocol.Record) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.ID)
	}
	return out
}
