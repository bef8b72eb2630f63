package storage

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
)

// seqKey is the outbox key of seq: big-endian, so keys sort by seq.
func seqKey(seq uint64) []byte { return binary.BigEndian.AppendUint64(nil, seq) }

// appendChange adds c to the outbox with the next sequence number and a
// fresh mutation ID, in the writer's transaction.
func (w *writer) appendChange(c Change) error {
	b := w.tx.Bucket(bucketOutbox)
	seq, err := b.NextSequence()
	if err != nil {
		return fmt.Errorf("outbox sequence: %w", err)
	}
	mid, err := w.s.ids.next(w.now)
	if err != nil {
		return err
	}
	c.Seq, c.MutationID, c.At, c.Author = seq, mid, w.now, w.s.author
	data, err := encodeChange(c)
	if err != nil {
		return fmt.Errorf("encode change %d: %w", seq, err)
	}
	data = w.v.seal(bucketOutbox, seqKey(seq), c.Kind, data)
	if err := b.Put(seqKey(seq), data); err != nil {
		return fmt.Errorf("outbox put %d: %w", seq, err)
	}
	return nil
}

// appendChangeTail adds a change encoded ahead of time by encodeChangeTail,
// giving it the next sequence number.
func (w *writer) appendChangeTail(kind record.Kind, tail []byte) error {
	b := w.tx.Bucket(bucketOutbox)
	seq, err := b.NextSequence()
	if err != nil {
		return fmt.Errorf("outbox sequence: %w", err)
	}
	data := make([]byte, 0, 28+len(tail))
	data = append(data, `{"seq":`...)
	data = strconv.AppendUint(data, seq, 10)
	data = append(data, tail...)
	data = w.v.seal(bucketOutbox, seqKey(seq), kind, data)
	if err := b.Put(seqKey(seq), data); err != nil {
		return fmt.Errorf("outbox put %d: %w", seq, err)
	}
	return nil
}

// encodeChange writes c as json.Marshal would (same fields, same
// values) but without reflection and without re-validating Fields, whose
// values come from this package's own encoder. Bulk imports write one
// change per record, so this is on the hot path.
func encodeChange(c Change) ([]byte, error) {
	tail, err := encodeChangeTail(c)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, 28+len(tail))
	b = append(b, `{"seq":`...)
	b = strconv.AppendUint(b, c.Seq, 10)
	return append(b, tail...), nil
}

// encodeChangeTail is c's JSON after `{"seq":N`, so that a change can be
// encoded before its transaction hands out the seq.
func encodeChangeTail(c Change) ([]byte, error) {
	at, err := c.At.MarshalJSON()
	if err != nil {
		return nil, err
	}
	size := 192
	for k, v := range c.Fields {
		size += len(k) + len(v) + 4
	}
	for k, v := range c.Versions {
		size += len(k) + len(v) + 6
	}
	b := make([]byte, 0, size)
	b = append(b, `,"mutation_id":`...)
	b = appendJSONString(b, c.MutationID)
	b = append(b, `,"kind":`...)
	b = appendJSONString(b, string(c.Kind))
	b = append(b, `,"record_id":`...)
	b = appendJSONString(b, c.RecordID)
	b = append(b, `,"op":`...)
	b = appendJSONString(b, string(c.Op))
	b = appendObject(b, "fields", c.Fields, func(b []byte, v json.RawMessage) []byte { return append(b, v...) })
	b = appendObject(b, "versions", c.Versions, appendJSONString)
	b = appendObject(b, "bases", c.Bases, appendJSONString)
	b = append(b, `,"at":`...)
	b = append(b, at...)
	if c.Author != "" {
		b = append(b, `,"author":`...)
		b = appendJSONString(b, c.Author)
	}
	return append(b, '}'), nil
}

// Outbox returns up to limit unacknowledged changes, oldest first; limit
// 0 means all.
func (s *Store) Outbox(ctx context.Context, limit int) ([]Change, error) {
	return s.OutboxAfter(ctx, 0, limit)
}

// OutboxAfter returns up to limit unacknowledged changes whose seq is
// after the given one, oldest first; limit 0 means all. A pipelined push
// reads the next batch with it while the previous one, not yet
// acknowledged, is still on its way.
func (s *Store) OutboxAfter(ctx context.Context, after uint64, limit int) ([]Change, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []Change
	if limit > 0 {
		out = make([]Change, 0, limit)
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketOutbox).Cursor()
		for k, v := c.Seek(seqKey(after + 1)); k != nil && (limit <= 0 || len(out) < limit); k, v = c.Next() {
			ch, err := s.vault.decodeChange(bucketOutbox, k, v)
			if err != nil {
				return err
			}
			out = append(out, ch)
		}
		return nil
	})
	return out, err
}

// Ack removes acknowledged changes from the outbox; unknown seqs are
// ignored, so acking twice is harmless.
func (s *Store) Ack(ctx context.Context, seqs ...uint64) error {
	if len(seqs) == 0 {
		return ctx.Err()
	}
	return s.write(ctx, func(w *writer) error {
		b := w.tx.Bucket(bucketOutbox)
		for _, seq := range seqs {
			if err := b.Delete(seqKey(seq)); err != nil {
				return fmt.Errorf("ack %d: %w", seq, err)
			}
		}
		return nil
	})
}

// Pending counts the changes waiting in the outbox.
func (s *Store) Pending(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var n int
	err := s.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketOutbox).Stats().KeyN
		return nil
	})
	return n, err
}

// appendObject appends `,"name":{…}` with m's keys sorted, as
// encoding/json writes a map, or nothing when m is empty.
func appendObject[V any](b []byte, name string, m map[string]V, value func([]byte, V) []byte) []byte {
	if len(m) == 0 {
		return b
	}
	b = append(b, `,"`+name+`":{`...)
	for i, k := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = value(b, m[k])
	}
	return append(b, '}')
}
