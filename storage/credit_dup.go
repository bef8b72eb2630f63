package storage

import (
	"bytes"
	"context"
	"fmt"

	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
)

// bucketCreditDups lists the enterprises that share a credit code with
// another enterprise here (code sep enterpriseID → ""), every holder
// including the one the credit index points at. Local writes refuse a
// second holder, but two laptops can create the same enterprise offline
// and both arrive by pull: both are kept, the credit index points at the
// older ID (ULIDs sort by creation), and staff see the pair as a possible
// duplicate to merge.
var bucketCreditDups = []byte("idx_credit_dups")

// CreditDuplicate is a credit code held by several enterprises.
type CreditDuplicate struct {
	CreditCode string   `json:"credit_code"`
	IDs        []string `json:"ids"`   // oldest first; the credit index points at IDs[0]
	Names      []string `json:"names"` // in the order of IDs
}

// putCredit indexes id as a holder of code. When another enterprise
// already holds it, both are listed as duplicates and the index keeps the
// smaller (older) ID, whatever order they arrived in.
func putCredit(tx *bolt.Tx, code, id string) error {
	b := tx.Bucket(bucketCredit)
	owner := string(b.Get([]byte(code)))
	if owner == "" || owner == id || !holdsCode(tx, owner, code) {
		return b.Put([]byte(code), []byte(id))
	}
	dups, err := tx.CreateBucketIfNotExists(bucketCreditDups)
	if err != nil {
		return fmt.Errorf("create credit duplicates bucket: %w", err)
	}
	for _, holder := range []string{owner, id} {
		if err := dups.Put([]byte(code+sep+holder), nil); err != nil {
			return fmt.Errorf("index %s: %w", bucketCreditDups, err)
		}
	}
	return b.Put([]byte(code), []byte(min(owner, id)))
}

// deleteCredit removes id as a holder of code; when it was the one the
// index pointed at, the oldest remaining duplicate takes its place.
func deleteCredit(tx *bolt.Tx, code, id string) error {
	b := tx.Bucket(bucketCredit)
	rest := creditHolders(tx, code)
	if dups := tx.Bucket(bucketCreditDups); dups != nil && len(rest) > 0 {
		var left []string
		for _, h := range rest {
			if h != id {
				left = append(left, h)
			}
		}
		gone := []string{id}
		if len(left) == 1 { // no longer shared
			gone = append(gone, left[0])
		}
		for _, h := range gone {
			if err := dups.Delete([]byte(code + sep + h)); err != nil {
				return fmt.Errorf("index %s: %w", bucketCreditDups, err)
			}
		}
		rest = left
	}
	if string(b.Get([]byte(code))) != id {
		return nil // clearing a stale record never drops the owner's entry
	}
	if len(rest) > 0 {
		return b.Put([]byte(code), []byte(rest[0]))
	}
	return b.Delete([]byte(code))
}

// creditHolders lists the duplicate holders of code, smallest ID first.
func creditHolders(tx *bolt.Tx, code string) []string {
	dups := tx.Bucket(bucketCreditDups)
	if dups == nil {
		return nil
	}
	return prefixKeys(dups, code+sep, "")
}

// dupHolder reports whether id is listed as sharing code.
func dupHolder(tx *bolt.Tx, code, id string) bool {
	dups := tx.Bucket(bucketCreditDups)
	return dups != nil && dups.Get([]byte(code+sep+id)) != nil
}

// holdsCode reports whether enterprise id is stored with this code.
func holdsCode(tx *bolt.Tx, id, code string) bool {
	rec, err := loadEnterprise(tx, id)
	if err != nil {
		return false
	}
	return rec.(*record.Enterprise).CreditCode == code
}

// CreditDuplicates lists the credit codes held by more than one
// enterprise here (arrived by pull from laptops that created the same
// enterprise offline), sorted by code.
func (s *Store) CreditDuplicates(ctx context.Context) ([]CreditDuplicate, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []CreditDuplicate
	err := s.db.View(func(tx *bolt.Tx) error {
		dups := tx.Bucket(bucketCreditDups)
		if dups == nil {
			return nil
		}
		return dups.ForEach(func(k, _ []byte) error {
			code, id, _ := bytes.Cut(k, []byte(sep))
			if n := len(out); n == 0 || out[n-1].CreditCode != string(code) {
				out = append(out, CreditDuplicate{CreditCode: string(code)})
			}
			d := &out[len(out)-1]
			rec, err := loadEnterprise(tx, string(id))
			if err != nil {
				return fmt.Errorf("credit duplicate %s: %w", id, err)
			}
			d.IDs = append(d.IDs, string(id))
			d.Names = append(d.Names, rec.(*record.Enterprise).Name)
			return nil
		})
	})
	return out, err
}
