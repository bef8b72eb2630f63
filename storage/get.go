package storage

import (
	"context"
	"fmt"
	"strings"

	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
)

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
		rec, err = s.vault.find(tx, id)
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
