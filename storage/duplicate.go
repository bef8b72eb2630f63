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

// reasonText is each reason in Chinese and English.
var reasonText = map[string][2]string{
	ReasonCreditCode: {"统一社会信用代码相同", "same unified social credit code"},
	ReasonName:       {"名称相同（忽略地区前缀和公司类型）", "same name (ignoring the region prefix and the company form)"},
	ReasonMobile:     {"联系人手机号相同", "a contact has the same mobile number"},
}

// ReasonText returns a duplicate reason code in Chinese and English; an
// unknown code comes back as itself in both.
func ReasonText(code string) (zh, en string) {
	if t, ok := reasonText[code]; ok {
		return t[0], t[1]
	}
	return code, code
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
			rec, err := s.vault.load(tx, record.KindEnterprise, id)
			if err != nil {
				return err
			}
			zh, en := ReasonText(reason)
			out = append(out, Duplicate{ID: id, Name: rec.(*record.Enterprise).Name, Reason: reason, Zh: zh, En: en})
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
			if m = s.vault.mobileKey(m); m == "" {
				continue
			}
			for _, cid := range prefixKeys(tx.Bucket(bucketMobile), m+sep, "") {
				c, err := s.vault.load(tx, record.KindContact, cid)
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
