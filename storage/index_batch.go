package storage

import (
	"bytes"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/shanhaifield/shanhai/record"
)

// indexBatch holds a bulk create's index entries until the end of its
// transaction and then writes them sorted. The credit-code, name and
// mobile indexes have random keys: written record by record, every batch
// touches nearly every leaf page of them; written in key order, bbolt
// walks each page once.
type indexBatch struct {
	entries []indexEntry
	// credit maps the credit codes of this batch to their enterprise, so
	// that two records of one batch cannot share a code even though
	// neither is in the credit index yet.
	credit map[string]string
}

// add queues a new record's entries after checking credit-code uniqueness
// within the batch (uniqueness against stored records is checkRefs' job).
func (b *indexBatch) add(rec record.Record, entries []indexEntry) error {
	if e, ok := rec.(*record.Enterprise); ok && e.CreditCode != "" {
		if b.credit == nil {
			b.credit = map[string]string{}
		}
		if owner, dup := b.credit[e.CreditCode]; dup && owner != e.ID {
			return &DuplicateError{Field: "credit_code", ID: owner}
		}
		b.credit[e.CreditCode] = e.ID
	}
	b.entries = append(b.entries, entries...)
	return nil
}

// flush writes the queued entries in bucket and key order.
func (b *indexBatch) flush(tx *bolt.Tx) error {
	slices.SortFunc(b.entries, func(x, y indexEntry) int {
		if c := bytes.Compare(x.bucket, y.bucket); c != 0 {
			return c
		}
		return strings.Compare(x.key, y.key)
	})
	return putIndexes(tx, b.entries)
}
