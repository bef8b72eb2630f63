package storage

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
)

// migration is one forward step of the file layout. Steps run in order,
// each in the transaction that records its new version, so a crash leaves
// the file at the old version or the new one, never between.
type migration struct {
	name string
	up   func(tx *bolt.Tx, v *vault) error
}

// migrations[i] takes the file from version i to version i+1. Append only:
// a released step never changes.
var migrations = []migration{
	{"create record, outbox, tombstone and first index buckets", createBucketsV1},
	{"add name and mobile indexes for duplicate detection", addDuplicateIndexesV2},
}

// schemaVersion is the layout this binary writes.
var schemaVersion = len(migrations)

// migrate runs every step the file has not had yet and records each.
func migrate(ctx context.Context, tx *bolt.Tx, vt *vault, now time.Time) error {
	meta, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return fmt.Errorf("create meta bucket: %w", err)
	}
	m, err := readMeta(tx)
	if err != nil {
		return err
	}
	for v := m.version; v < len(migrations); v++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		step := migrations[v]
		if err := step.up(tx, vt); err != nil {
			return fmt.Errorf("migrate to version %d (%s): %w", v+1, step.name, err)
		}
		key := fmt.Appendf(nil, "%s%04d", metaMigrations, v+1)
		if err := meta.Put(key, []byte(now.UTC().Format(time.RFC3339Nano))); err != nil {
			return fmt.Errorf("record migration %d: %w", v+1, err)
		}
		if err := meta.Put(metaVersion, []byte(strconv.Itoa(v+1))); err != nil {
			return fmt.Errorf("record version %d: %w", v+1, err)
		}
	}
	for _, k := range missingKindBuckets(tx) {
		if _, err := tx.CreateBucket(kindBucket(k)); err != nil {
			return fmt.Errorf("create bucket %s: %w", k, err)
		}
	}
	return nil
}

// createBucketsV1 is the original layout: one bucket per record kind, the
// outbox, tombstones and the indexes the first release had.
func createBucketsV1(tx *bolt.Tx, _ *vault) error {
	names := [][]string{{string(bucketOutbox), string(bucketTombstones), string(bucketCredit),
		string(bucketChildren), string(bucketStage), string(bucketDue)}, v1Kinds}
	for _, n := range slices.Concat(names...) {
		if _, err := tx.CreateBucketIfNotExists([]byte(n)); err != nil {
			return fmt.Errorf("create bucket %s: %w", n, err)
		}
	}
	return nil
}

// v1Kinds are the record kinds of the first layout, written out so that a
// kind added to package record later does not change this released step.
var v1Kinds = []string{"enterprise", "contact", "visit", "project", "task", "referral", "screening"}

// missingKindBuckets lists record kinds without a bucket: a kind added to
// package record without a migration. Open creates them rather than let a
// write find no bucket.
func missingKindBuckets(tx *bolt.Tx) []record.Kind {
	var out []record.Kind
	for _, k := range record.Kinds {
		if tx.Bucket(kindBucket(k)) == nil {
			out = append(out, k)
		}
	}
	return out
}

// addDuplicateIndexesV2 adds the normalised-name and mobile indexes and
// fills every index from the records, so files written before the
// duplicate check learn it.
func addDuplicateIndexesV2(tx *bolt.Tx, v *vault) error {
	for _, n := range [][]byte{bucketName, bucketMobile} {
		if _, err := tx.CreateBucketIfNotExists(n); err != nil {
			return fmt.Errorf("create bucket %s: %w", n, err)
		}
	}
	return v.rebuildIndexes(tx)
}
