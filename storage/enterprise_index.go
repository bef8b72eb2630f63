package storage

import (
	"fmt"

	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
)

// enterpriseEntries are the index keys only enterprises have: the unique
// credit code, the pipeline stage and the normalised name.
func enterpriseEntries(e *record.Enterprise) []indexEntry {
	out := []indexEntry{{bucketStage, string(e.Stage) + sep + e.ID, ""}}
	if e.CreditCode != "" {
		out = append(out, indexEntry{bucketCredit, e.CreditCode, e.ID})
	}
	if n := record.NormalName(e.Name); n != "" {
		out = append(out, indexEntry{bucketName, n + sep + e.ID, ""})
	}
	return out
}

// checkUnique fails with a *DuplicateError when another enterprise holds
// e's credit code.
func checkUnique(tx *bolt.Tx, e *record.Enterprise) error {
	if e.CreditCode == "" {
		return nil
	}
	if dupHolder(tx, e.CreditCode, e.ID) {
		return nil // a pulled duplicate may be edited until staff merge it
	}
	if owner := tx.Bucket(bucketCredit).Get([]byte(e.CreditCode)); owner != nil && string(owner) != e.ID {
		return &DuplicateError{Field: "credit_code", ID: string(owner)}
	}
	return nil
}

// checkParent fails with ErrNoParent when a child names a missing enterprise.
func checkParent(tx *bolt.Tx, rec record.Record) error {
	c, ok := rec.(record.Child)
	if !ok {
		return nil
	}
	if c.Parent() == "" || tx.Bucket(kindBucket(record.KindEnterprise)).Get([]byte(c.Parent())) == nil {
		return fmt.Errorf("%s enterprise_id %q: %w", rec.Kind(), c.Parent(), ErrNoParent)
	}
	return nil
}
