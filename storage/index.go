package storage

import (
	"bytes"
	"fmt"

	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
)

// indexEntry is one key a record owns in a secondary index bucket.
type indexEntry struct {
	bucket []byte
	key    string
	value  string
}

// indexEntries lists every index key rec should have. Writes, the
// migration that rebuilds indexes and Doctor all derive keys here, so
// they cannot disagree.
func (v *vault) indexEntries(rec record.Record) []indexEntry {
	id := rec.Header().ID
	var out []indexEntry
	if c, ok := rec.(record.Child); ok && c.Parent() != "" {
		out = append(out, indexEntry{bucketChildren, c.Parent() + sep + string(rec.Kind()) + sep + id, ""})
	}
	switch r := rec.(type) {
	case *record.Enterprise:
		out = append(out, enterpriseEntries(r)...)
	case *record.Contact:
		if r.Mobile != "" {
			out = append(out, indexEntry{bucketMobile, v.mobileKey(r.Mobile) + sep + id, ""})
		}
	case *record.Task:
		if !r.Done && r.Due != "" {
			out = append(out, indexEntry{bucketDue, r.Due + sep + id, ""})
		}
	}
	return out
}

// putIndexes writes entries.
func putIndexes(tx *bolt.Tx, entries []indexEntry) error {
	for _, e := range entries {
		if bytes.Equal(e.bucket, bucketCredit) {
			if err := putCredit(tx, e.key, e.value); err != nil {
				return err
			}
			continue
		}
		if err := tx.Bucket(e.bucket).Put([]byte(e.key), []byte(e.value)); err != nil {
			return fmt.Errorf("index %s: %w", e.bucket, err)
		}
	}
	return nil
}

// deleteIndexes removes entries. A unique entry is removed only while it
// still points at this record, so clearing a stale record never drops the
// owner's entry.
func deleteIndexes(tx *bolt.Tx, entries []indexEntry) error {
	for _, e := range entries {
		if bytes.Equal(e.bucket, bucketCredit) {
			if err := deleteCredit(tx, e.key, e.value); err != nil {
				return err
			}
			continue
		}
		b := tx.Bucket(e.bucket)
		if e.value != "" && !bytes.Equal(b.Get([]byte(e.key)), []byte(e.value)) {
			continue
		}
		if err := b.Delete([]byte(e.key)); err != nil {
			return fmt.Errorf("index %s: %w", e.bucket, err)
		}
	}
	return nil
}

// reindex replaces old's entries by cur's; old may be nil for a new record.
func (v *vault) reindex(tx *bolt.Tx, old, cur record.Record) error {
	if old != nil {
		if err := deleteIndexes(tx, v.indexEntries(old)); err != nil {
			return err
		}
	}
	if cur != nil {
		return putIndexes(tx, v.indexEntries(cur))
	}
	return nil
}

// rebuildIndexes empties every index bucket and fills it from the records.
func (v *vault) rebuildIndexes(tx *bolt.Tx) error {
	if tx.Bucket(bucketCreditDups) != nil {
		if err := tx.DeleteBucket(bucketCreditDups); err != nil {
			return fmt.Errorf("clear index %s: %w", bucketCreditDups, err)
		}
	}
	for _, n := range indexBuckets {
		if tx.Bucket(n) != nil {
			if err := tx.DeleteBucket(n); err != nil {
				return fmt.Errorf("clear index %s: %w", n, err)
			}
		}
		if _, err := tx.CreateBucket(n); err != nil {
			return fmt.Errorf("create index %s: %w", n, err)
		}
	}
	for _, k := range record.Kinds {
		b := tx.Bucket(kindBucket(k))
		if b == nil {
			continue // created after the migrations, empty
		}
		err := b.ForEach(func(key, data []byte) error {
			rec, err := v.decode(k, key, data)
			if err != nil {
				return fmt.Errorf("%s %s: %w", k, key, err)
			}
			return putIndexes(tx, v.indexEntries(rec))
		})
		if err != nil {
			return fmt.Errorf("rebuild indexes: %w", err)
		}
	}
	return nil
}

// prefixKeys returns the last part of every key in bucket that starts
// with prefix, in key order, starting after the key prefix+after.
func prefixKeys(b *bolt.Bucket, prefix, after string) []string {
	var out []string
	c := b.Cursor()
	p := []byte(prefix)
	start := p
	if after != "" {
		start = []byte(prefix + after + "\x01")
	}
	for k, _ := c.Seek(start); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
		out = append(out, string(k[len(p):]))
	}
	return out
}
