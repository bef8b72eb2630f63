package storage

import (
	"context"
	"fmt"
	"strings"

	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
)

// load reads one record of a known kind.
func load(tx *bolt.Tx, kind record.Kind, id string) (record.Record, error) {
	b := tx.Bucket(kindBucket(kind))
	if b == nil {
		return nil, fmt.Errorf("load: unknown kind %q", kind)
	}
	data := b.Get([]byte(id))
	if data == nil {
		return nil, fmt.Errorf("%s %s: %w", kind, id, ErrNotFound)
	}
	rec, err := decodeRecord(kind, data)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", kind, id, err)
	}
	return rec, nil
}

// find reads a record whose kind is not known: IDs are unique across
// kinds, so the first bucket that has it is the one.
func find(tx *bolt.Tx, id string) (record.Record, error) {
	for _, k := range record.Kinds {
		if data := tx.Bucket(kindBucket(k)).Get([]byte(id)); data != nil {
			rec, err := decodeRecord(k, data)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", k, id, err)
			}
			return rec, nil
		}
	}
	return nil, fmt.Errorf("record %s: %w", id, ErrNotFound)
}

// cutKey splits "a<sep>b" into a and b.
func cutKey(key string) (string, string, bool) { return strings.Cut(key, sep) }

// Get returns the record with this ID, of any kind.
func (s *Store) Get(ctx context.Context, id string) (record.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var rec record.Record
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		rec, err = find(tx, id)
		return err
	})
	return rec, err
}

// Count returns how many records of kind are stored.
func (s *Store) Count(ctx context.Context, kind record.Kind) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if !knownKind(kind) {
		return 0, fmt.Errorf("count: unknown kind %q", kind)
	}
	var n int
	err := s.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(kindBucket(kind)).Stats().KeyN
		return nil
	})
	return n, err
}
