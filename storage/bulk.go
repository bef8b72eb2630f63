package storage

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/shanhaifield/shanhai/record"
)

// BulkCreate stores many new records in one transaction, each exactly as
// Create would (normalise, validate, IDs, versions, indexes, outbox).
// Parents may come earlier in the same batch. If any record is invalid the
// whole batch is rejected and the error names its position (0-based).
// Callers with very large imports pass chunks of about 10 000 records: one
// transaction holds all its dirty pages in memory.
//
// With BulkOptions.KeepMeta, records keep the created/updated times,
// author and field versions they carry (an import of an export), so that
// export → import → export gives the same file; only what is missing is
// stamped anew, and the clock moves past every kept version so later local
// edits still win.
func (s *Store) BulkCreate(ctx context.Context, recs []record.Record, opts ...BulkOptions) error {
	var o BulkOptions
	for _, x := range opts {
		o.KeepMeta = o.KeepMeta || x.KeepMeta
	}
	if len(recs) == 0 {
		return ctx.Err()
	}
	saved := make([]record.Meta, len(recs))
	for i, rec := range recs {
		if validRecord(rec) {
			saved[i] = *rec.Header()
		}
	}
	err := s.createAll(ctx, recs, false, o.KeepMeta, func(i int, err error) error {
		return fmt.Errorf("bulk create: record %d: %w", i, err)
	})
	if err != nil {
		for i, rec := range recs {
			if validRecord(rec) {
				*rec.Header() = saved[i] // the batch was rolled back
			}
		}
	}
	return err
}

// BulkOptions change how BulkCreate treats the records it is given.
type BulkOptions struct {
	// KeepMeta keeps the Meta the records carry instead of stamping it.
	KeepMeta bool
}

// encodeBlock is how many records one encoding task covers: large enough
// to amortise the hand-off, small enough that inserting starts early.
const encodeBlock = 256

// encoding runs fn over 0..n-1 in blocks on GOMAXPROCS-1 goroutines (at
// least one), lowest blocks first, so that the caller can wait for block b
// and insert it while later blocks are still being encoded.
type encoding struct {
	done    []chan error // one per block, closed after its error (if any) is sent
	stopped atomic.Bool
	wg      sync.WaitGroup
}

func startEncoding(n int, fn func(i int) error) *encoding {
	blocks := (n + encodeBlock - 1) / encodeBlock
	e := &encoding{done: make([]chan error, blocks)}
	for b := range e.done {
		e.done[b] = make(chan error, 1)
	}
	if blocks == 1 { // one Create, or a small batch: not worth a goroutine
		if err := runBlock(0, n, fn); err != nil {
			e.done[0] <- err
		}
		close(e.done[0])
		return e
	}
	var next atomic.Int64
	workers := min(max(runtime.GOMAXPROCS(0)-1, 1), blocks, 8)
	for range workers {
		e.wg.Go(func() {
			for {
				b := int(next.Add(1) - 1)
				if b >= blocks || e.stopped.Load() {
					return
				}
				if err := runBlock(b, n, fn); err != nil {
					e.done[b] <- err
				}
				close(e.done[b])
			}
		})
	}
	return e
}

// runBlock runs fn over block b and returns the first error.
func runBlock(b, n int, fn func(i int) error) error {
	for i := b * encodeBlock; i < min(n, (b+1)*encodeBlock); i++ {
		if err := fn(i); err != nil {
			return err
		}
	}
	return nil
}

// wait blocks until block b is encoded and returns its first error.
func (e *encoding) wait(b int) error { return <-e.done[b] }

// stop tells the workers to take no new block and waits for them, so no
// goroutine touches the records once the caller returns.
func (e *encoding) stop() {
	e.stopped.Store(true)
	e.wg.Wait()
}
