package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
)

// DeletedField is the Versions key of a delete change: the stamp of the
// deletion, which sync compares with concurrent edits.
const DeletedField = "_deleted"

// Tombstone remembers a deleted record so that sync can tell "deleted
// here" from "never seen here". Stored in bucket tombstones under the ID.
type Tombstone struct {
	Kind      record.Kind `json:"kind"`
	DeletedAt time.Time   `json:"deleted_at"`
	Stamp     string      `json:"stamp"` // HLC stamp of the deletion
}

func putTombstone(tx *bolt.Tx, id string, t Tombstone) error {
	data, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("encode tombstone %s: %w", id, err)
	}
	if err := tx.Bucket(bucketTombstones).Put([]byte(id), data); err != nil {
		return fmt.Errorf("store tombstone %s: %w", id, err)
	}
	return nil
}

// Tombstone returns the tombstone of a deleted record; ok is false when
// the ID was never deleted here.
func (s *Store) Tombstone(ctx context.Context, id string) (t Tombstone, ok bool, err error) {
	if err := ctx.Err(); err != nil {
		return Tombstone{}, false, err
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		t, ok, err = getTombstone(tx, id)
		return err
	})
	return t, ok, err
}

func getTombstone(tx *bolt.Tx, id string) (Tombstone, bool, error) {
	data := tx.Bucket(bucketTombstones).Get([]byte(id))
	if data == nil {
		return Tombstone{}, false, nil
	}
	var t Tombstone
	if err := json.Unmarshal(data, &t); err != nil {
		return Tombstone{}, false, fmt.Errorf("decode tombstone %s: %w", id, err)
	}
	return t, true, nil
}
