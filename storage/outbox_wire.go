package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// OutboxWire calls fn with up to limit unacknowledged changes whose seq is
// after the given one, oldest first, like OutboxAfter, but without
// decoding what a push would only encode again: an entry stored in the
// form encodeChange writes is already its push wire form
// (docs/sync-protocol.md §4), and fn gets it as wire with only Seq and
// MutationID of e set. Any other entry is decoded into e and wire is nil.
// wire is valid only during the call.
func (s *Store) OutboxWire(ctx context.Context, after uint64, limit int, fn func(e Change, wire []byte) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketOutbox).Cursor()
		n := 0
		for k, v := c.Seek(seqKey(after + 1)); k != nil && (limit <= 0 || n < limit); k, v = c.Next() {
			n++
			plain, err := s.vault.open(bucketOutbox, k, v)
			if err != nil {
				return fmt.Errorf("outbox entry %x: %w", k, err)
			}
			seq := binary.BigEndian.Uint64(k)
			if mid, ok := wireMutationID(plain, seq); ok {
				if err := fn(Change{Seq: seq, MutationID: mid}, plain); err != nil {
					return err
				}
				continue
			}
			ch, err := s.vault.decodeChange(bucketOutbox, k, v)
			if err != nil {
				return err
			}
			if err := fn(ch, nil); err != nil {
				return err
			}
		}
		return nil
	})
}

// wireMutationID returns the mutation ID of an entry that starts as
// encodeChange writes it, `{"seq":SEQ,"mutation_id":"ID","kind":`, with
// the seq of its key and an ID that needs no escaping, and ends with `}`.
func wireMutationID(plain []byte, seq uint64) (string, bool) {
	rest, ok := bytes.CutPrefix(plain, []byte(`{"seq":`))
	if !ok || len(plain) == 0 || plain[len(plain)-1] != '}' {
		return "", false
	}
	num := strconv.AppendUint(make([]byte, 0, 20), seq, 10)
	if rest, ok = bytes.CutPrefix(rest, num); !ok {
		return "", false
	}
	if rest, ok = bytes.CutPrefix(rest, []byte(`,"mutation_id":"`)); !ok {
		return "", false
	}
	end := bytes.IndexByte(rest, '"')
	if end <= 0 || !bytes.HasPrefix(rest[end:], []byte(`","kind":`)) {
		return "", false
	}
	for _, b := range rest[:end] {
		if b < 0x20 || b == '\\' || b >= 0x80 {
			return "", false
		}
	}
	return string(rest[:end]), true
}
