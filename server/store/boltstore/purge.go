package boltstore

import (
	"context"
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/shanhaifield/shanhai/server/store"
)

// keyHorizon in bMeta holds the highest purged sequence, big-endian.
var keyHorizon = []byte("purged_seq")

func horizon(btx *bolt.Tx) uint64 {
	v := btx.Bucket(bMeta).Get(keyHorizon)
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

// Horizon returns the highest purged sequence.
func (s *Store) Horizon(ctx context.Context) (uint64, error) {
	var h uint64
	err := s.db.View(func(btx *bolt.Tx) error { h = horizon(btx); return nil })
	if err != nil {
		return 0, fmt.Errorf("purge horizon: %w", err)
	}
	return h, ctx.Err()
}

// Purge removes old tombstones in one transaction, so a pull sees either
// the tombstones or the raised horizon, never neither.
func (s *Store) Purge(ctx context.Context, before time.Time) (int, error) {
	n := 0
	err := s.db.Update(func(btx *bolt.Tx) error {
		t := &tx{btx}
		top := horizon(btx)
		var doomed []store.Record
		c := btx.Bucket(bSeq).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			e, err := decodeEntry(k, v)
			if err != nil {
				return err
			}
			if !e.Tomb {
				continue
			}
			rec, ok, err := t.Record(ctx, e.ID)
			if err != nil {
				return err
			}
			if ok && rec.Purgeable(before) {
				doomed = append(doomed, rec)
			}
		}
		for _, rec := range doomed {
			if err := t.remove(rec); err != nil {
				return fmt.Errorf("purge %s: %w", rec.State.ID, err)
			}
			top = max(top, rec.Seq)
		}
		n = len(doomed)
		if err := btx.Bucket(bMeta).Put(keyHorizon, seqKey(top)); err != nil {
			return err
		}
		if n > 0 {
			if err := t.AppendAudit(ctx, []store.AuditEntry{store.PurgeAudit(time.Now(), before, n, top)}); err != nil {
				return err
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return 0, fmt.Errorf("purge tombstones before %s: %w", before.Format(time.RFC3339), err)
	}
	return n, nil
}

// remove deletes a record and every index entry pointing at it.
func (t *tx) remove(rec store.Record) error {
	id := []byte(rec.State.ID)
	for _, b := range [][]byte{bRecords, bWire} {
		if err := t.b.Bucket(b).Delete(id); err != nil {
			return err
		}
	}
	if err := t.b.Bucket(bSeq).Delete(seqKey(rec.Seq)); err != nil {
		return err
	}
	for _, z := range rec.IndexZones() {
		if zb := t.b.Bucket(bZones).Bucket([]byte(z)); zb != nil {
			if err := zb.Delete(seqKey(rec.Seq)); err != nil {
				return err
			}
		}
	}
	if rec.Parent != "" {
		return t.b.Bucket(bChildren).Delete(childKey(rec.Parent, rec.State.ID))
	}
	return nil
}
