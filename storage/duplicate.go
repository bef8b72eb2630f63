package storage

import (
	"context"
	"errors"

	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
)

// Why an enterprise may be a duplicate, as codes and as staff read them.
const (
	ReasonCreditCode = "credit_code"
	ReasonName       = "name"
	ReasonMobile     = "mobile"
)

var reasonZh = map[string]string{
	ReasonCreditCode: "统一社会信用代码相同",
	ReasonName:       "名称相同（忽略地区前缀和公司类型）",
	ReasonMobile:     "联系人手机号相同",
}

// FindDuplicates lists stored enterprises that may be e: the same credit
// code, the same normalised name, or a contact with one of the mobiles.
// e itself is left out when e.ID is set. One enterprise may appear once
// per reason; reasons come in the order above.
func (s *Store) FindDuplicates(ctx context.Context, e *record.Enterprise, mobiles []string) ([]Duplicate, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if e == nil {
		return nil, errors.New("find duplicates: no enterprise given")
	}
	probe := *e
	record.Normalize(&probe)
	var out []Duplicate
	err := s.db.View(func(tx *bolt.Tx) error {
		seen := map[string]bool{}
		add := func(id, reason string) error {
			if id == probe.ID || seen[id+reason] {
				return nil
			}
			seen[id+reason] = true
			rec, err := load(tx, record.KindEnterprise, id)
			if err != nil {
				return err
			}
			out = append(out, Duplicate{ID: id, Name: rec.(*record.Enterprise).Name, Reason: reason, Zh: reasonZh[reason]})
			return nil
		}
		if probe.CreditCode != "" {
			if id := tx.Bucket(bucketCredit).Get([]byte(probe.CreditCode)); id != nil {
				if err := add(string(id), ReasonCreditCode); err != nil {
					return err
				}
			}
			for _, id := range creditHolders(tx, probe.CreditCode) { // pulled duplicates
				if err := add(id, ReasonCreditCode); err != nil {
					return err
				}
			}
		}
		if n := record.NormalName(probe.Name); n != "" {
			for _, id := range prefixKeys(tx.Bucket(bucketName), n+sep, "") {
				if err := add(id, ReasonName); err != nil {
					return err
				}
			}
		}
		for _, m := range mobiles {
			if m = mobileKey(m); m == "" {
				continue
			}
			for _, cid := range prefixKeys(tx.Bucket(bucketMobile), m+sep, "") {
				c, err := load(tx, record.KindContact, cid)
				if err != nil {
					return err
				}
				if err := add(c.(*record.Contact).EnterpriseID, ReasonMobile); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
