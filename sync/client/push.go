package client

import (
	"compress/gzip"
	"context"
	"fmt"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/shanhaifield/shanhai/storage"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// push sends the outbox in batches until it is empty. Only entries the
// server's answer names are removed; a rejected one is set aside.
//
// It is pipelined, because an initial push of a large import is mostly
// waiting: the next batch is read and encoded while the current one is on
// the wire, and acknowledgements are committed on another goroutine,
// several answered batches per local transaction (one fsync), while the
// next batch is at the server. An entry still leaves the outbox only
// after the server's answer named it: a crash before the ack commit
// sends the batch again and the server answers it from its mutation log.
//
// Each batch after the first names the one before it (PushRequest.After).
// Once the server has answered Ordered (it applies a batch only right
// after the one it names), a second batch goes out before the first is
// answered, so the server reads one batch while it commits the other.
func (c *Client) push(ctx context.Context, st storage.SyncState, rep *Report) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops a read-ahead nobody will use
	ack := startAcker(ctx, c.store)
	enc := &encoder{}
	next := c.prepare(ctx, st, enc, 0, "")
	var (
		queue   []*flight // sent, oldest first
		depth   = 1       // batches in flight; 2 once the server is Ordered
		readErr error
		done    bool // the outbox is read to its end (or failed)
	)
	for batchNo := 1; ; {
		for !done && len(queue) < depth {
			b := <-next
			if b.err != nil || len(b.seqs) == 0 {
				readErr, done = b.err, true
				break
			}
			next = c.prepare(ctx, st, enc, b.seqs[len(b.seqs)-1], b.last)
			queue = append(queue, c.send(ctx, st, b, batchNo))
			batchNo++
		}
		if len(queue) == 0 {
			if readErr != nil {
				return ack.finish(fmt.Errorf("push: read outbox: %w", readErr))
			}
			return ack.finish(nil)
		}
		f := queue[0]
		queue = queue[1:]
		if err := <-f.done; err != nil {
			abandon(cancel, queue) // a later batch waits for this one in vain
			return ack.finish(fmt.Errorf("push batch %d (%d changes): %w", f.no, len(f.b.seqs), err))
		}
		if f.resp.Ordered {
			depth = 2
		}
		acks := c.acks(f, rep)
		if len(acks) == 0 {
			abandon(cancel, queue)
			return ack.finish(fmt.Errorf("push batch %d: the server acknowledged none of %d changes", f.no, len(f.b.seqs)))
		}
		if !ack.add(acks) {
			abandon(cancel, queue)
			return ack.finish(nil)
		}
		rep.Pushed += len(acks)
	}
}

// flight is one batch sent, its answer arriving on done.
type flight struct {
	no   int
	b    batch
	resp protocol.PushResponse
	done chan error
}

// abandon stops the batches still in flight and waits for them. What the
// server applied of them stays in the outbox and is answered again, from
// the server's mutation log, by the next sync.
func abandon(cancel context.CancelFunc, queue []*flight) {
	cancel()
	for _, f := range queue {
		<-f.done
	}
}

// send posts a batch on its own goroutine.
func (c *Client) send(ctx context.Context, st storage.SyncState, b batch, no int) *flight {
	f := &flight{no: no, b: b, done: make(chan error, 1)}
	go func() {
		f.done <- c.callRaw(ctx, "POST", st.Server, "/v1/push", st.Token, b.body, &f.resp)
	}()
	return f
}

// acks turns an answer into the acknowledgements to commit.
func (c *Client) acks(f *flight, rep *Report) []storage.Acked {
	rep.ClockSkew = time.UnixMilli(f.resp.ServerTime).Sub(c.now())
	acks := make([]storage.Acked, 0, len(f.resp.Results))
	for _, r := range f.resp.Results {
		seq, ok := f.b.bySeq[r.MutationID]
		if !ok {
			continue // not ours: never ack what was not sent
		}
		a := storage.Acked{Seq: seq}
		if r.Status == protocol.StatusRejected {
			a.Rejected, a.Code, a.Zh, a.En = true, r.Code, r.Zh, r.En
			rep.Rejected++
			rep.Messages = append(rep.Messages, r.Zh)
			c.log.Warn("change rejected by server", "mutation_id", r.MutationID, "code", r.Code, "en", r.En)
		}
		acks = append(acks, a)
	}
	return acks
}

// batch is one push request, read from the outbox and encoded ahead.
type batch struct {
	seqs  []uint64          // outbox seqs sent, in order
	bySeq map[string]uint64 // mutation ID → outbox seq
	last  string            // mutation ID of the last change
	body  []byte            // gzip JSON PushRequest
	err   error
}

// encoder holds what encoding a batch needs and may reuse for the next
// one: the uncompressed body and the gzip writer (about 1 MB each). One
// prepare uses it at a time: the next starts only after the previous
// delivered its batch.
type encoder struct {
	raw []byte
	zw  *gzip.Writer
}

// prepare reads and encodes the batch after outbox seq on another
// goroutine; prev is the last mutation ID of the batch before it.
func (c *Client) prepare(ctx context.Context, st storage.SyncState, enc *encoder, after uint64, prev string) <-chan batch {
	out := make(chan batch, 1)
	go func() {
		b, err := c.encodeBatch(ctx, st, enc, after, prev)
		b.err = err
		out <- b
	}()
	return out
}

// encodeBatch reads up to c.batch outbox entries after seq and encodes
// them as one gzip push body. Entries come as they are stored, already in
// their wire form (storage.OutboxWire): an initial push of a large import
// spent a third of the client's time decoding them and encoding them again.
func (c *Client) encodeBatch(ctx context.Context, st storage.SyncState, enc *encoder, after uint64, prev string) (batch, error) {
	var b batch
	raw := enc.raw[:0]
	err := c.store.OutboxWire(ctx, after, c.batch, func(e storage.Change, wire []byte) error {
		if len(b.seqs) == 0 {
			b.bySeq = make(map[string]uint64, c.batch)
			raw = appendPushHead(raw, st.ClientID, st.ClientID+"-"+strconv.FormatUint(e.Seq, 10), prev)
		} else {
			raw = append(raw, ',')
		}
		if wire != nil {
			raw = append(raw, wire...)
		} else {
			var err error
			if raw, err = appendChange(raw, wireChange(e)); err != nil {
				return fmt.Errorf("encode change %d: %w", e.Seq, err)
			}
		}
		b.seqs = append(b.seqs, e.Seq)
		b.bySeq[e.MutationID] = e.Seq
		b.last = e.MutationID
		return nil
	})
	enc.raw = raw
	if err != nil || len(b.seqs) == 0 {
		return batch{}, err
	}
	enc.raw = append(raw, "]}\n"...)
	if enc.zw == nil {
		enc.zw, _ = gzip.NewWriterLevel(nil, gzip.BestSpeed) // a valid level: no error
	}
	b.body, err = gzipBytes(enc.zw, enc.raw)
	return b, err
}

// acker commits acknowledgements on its own goroutine, everything that
// arrived meanwhile in one transaction.
type acker struct {
	in     chan []storage.Acked
	done   chan error
	failed atomic.Bool // a commit failed; the push should stop
}

func startAcker(ctx context.Context, st *storage.Store) *acker {
	a := &acker{in: make(chan []storage.Acked, 64), done: make(chan error, 1)}
	go func() {
		var failed error
		for acks := range a.in {
			for more := true; more; {
				select {
				case x, ok := <-a.in:
					if ok {
						acks = append(acks, x...)
					} else {
						more = false
					}
				default:
					more = false
				}
			}
			if failed != nil {
				continue // keep draining so add never blocks
			}
			// WithoutCancel: what the server has answered is worth
			// recording even when the sync is being cancelled.
			if err := st.AckPush(context.WithoutCancel(ctx), acks); err != nil {
				failed = fmt.Errorf("push: ack: %w", err)
				a.failed.Store(true)
			}
		}
		a.done <- failed
	}()
	return a
}

// add queues acks; false means an earlier commit failed and the push
// should stop (finish returns that error).
func (a *acker) add(acks []storage.Acked) bool {
	a.in <- acks
	return !a.failed.Load()
}

// finish waits for every queued ack to be committed and returns err, or
// the ack failure when err is nil.
func (a *acker) finish(err error) error {
	close(a.in)
	ackErr := <-a.done
	if err != nil {
		return err
	}
	return ackErr
}
