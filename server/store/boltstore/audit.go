package boltstore

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/shanhaifield/shanhai/server/store"
)

// bAudit maps big-endian seq → prev hash (32) | hash (32) | entry JSON.
// Entries are only ever added under a fresh sequence number: no code path
// deletes or rewrites a key of this bucket (Purge leaves it alone).
var bAudit = []byte("audit")

const hashLen = 32

// AppendAudit implements store.Tx: the entries are numbered after the
// bucket's sequence and chained to the last stored entry.
func (t *tx) AppendAudit(ctx context.Context, entries []store.AuditEntry) error {
	b := t.b.Bucket(bAudit)
	// Keys only ever grow: full pages instead of bbolt's half-full splits
	// write about half as many pages.
	b.FillPercent = fillAppend
	last := b.Sequence()
	prev := store.ZeroHash
	if k, v := b.Cursor().Last(); k != nil {
		if len(v) < 2*hashLen || !bytes.Equal(k, seqKey(last)) {
			return fmt.Errorf("audit entry %x: %w", k, errCorrupt)
		}
		prev = append([]byte(nil), v[hashLen:2*hashLen]...)
	}
	links, err := store.Link(entries, last+1, prev)
	if err != nil {
		return err
	}
	for _, l := range links {
		k := seqKey(l.Seq)
		if b.Get(k) != nil {
			return fmt.Errorf("audit entry %d already exists: %w", l.Seq, errCorrupt)
		}
		v := make([]byte, 0, 2*hashLen+len(l.Data))
		v = append(append(append(v, l.Prev...), l.Hash...), l.Data...)
		if err := b.Put(k, v); err != nil {
			return fmt.Errorf("write audit entry %d: %w", l.Seq, err)
		}
	}
	if err := b.SetSequence(last + uint64(len(links))); err != nil {
		return err
	}
	return ctx.Err()
}

// AppendAudit appends entries in their own transaction, sharing a commit
// with concurrent pushes and pulls (bbolt's Batch).
func (s *Store) AppendAudit(ctx context.Context, entries ...store.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	if err := s.db.Batch(func(btx *bolt.Tx) error { return (&tx{btx}).AppendAudit(ctx, entries) }); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	return nil
}

// AuditLinks returns up to limit stored entries after the given sequence.
func (s *Store) AuditLinks(ctx context.Context, after uint64, limit int) ([]store.AuditLink, error) {
	var out []store.AuditLink
	err := s.db.View(func(btx *bolt.Tx) error {
		c := btx.Bucket(bAudit).Cursor()
		for k, v := c.Seek(seqKey(after + 1)); k != nil && len(out) < limit; k, v = c.Next() {
			if len(k) != 8 || len(v) < 2*hashLen {
				return fmt.Errorf("audit entry %x: %w", k, errCorrupt)
			}
			v = bytes.Clone(v) // bbolt memory is valid only inside the transaction
			out = append(out, store.AuditLink{Seq: binary.BigEndian.Uint64(k), Prev: v[:hashLen], Hash: v[hashLen : 2*hashLen], Data: v[2*hashLen:]})
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("read audit log after %d: %w", after, err)
	}
	return out, nil
}
