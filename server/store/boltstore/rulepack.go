package boltstore

import (
	"context"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/shanhaifield/shanhai/server/store"
)

// bRulePacks maps date \x00 version → store.RulePack JSON. Keys sort in
// RulePack.Newer order, so the last key is the latest pack.
var bRulePacks = []byte("rulepacks")

func rulePackKey(rp store.RulePack) []byte {
	return []byte(rp.Date + "\x00" + rp.Version)
}

// PutRulePack stores a published rule pack.
func (s *Store) PutRulePack(ctx context.Context, rp store.RulePack, audit ...store.AuditEntry) error {
	data, err := json.Marshal(rp)
	if err != nil {
		return fmt.Errorf("encode rule pack %s: %w", rp.Version, err)
	}
	err = s.db.Update(func(btx *bolt.Tx) error {
		b, err := btx.CreateBucketIfNotExists(bRulePacks)
		if err != nil {
			return err
		}
		if err := b.Put(rulePackKey(rp), data); err != nil || len(audit) == 0 {
			return err
		}
		return (&tx{btx}).AppendAudit(ctx, audit)
	})
	if err != nil {
		return fmt.Errorf("store rule pack %s: %w", rp.Version, err)
	}
	return ctx.Err()
}

// LatestRulePack returns the latest published pack.
func (s *Store) LatestRulePack(ctx context.Context) (store.RulePack, error) {
	var rp store.RulePack
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bRulePacks)
		if b == nil {
			return store.ErrNotFound
		}
		k, v := b.Cursor().Last()
		if k == nil {
			return store.ErrNotFound
		}
		return json.Unmarshal(v, &rp)
	})
	if err != nil {
		return store.RulePack{}, fmt.Errorf("latest rule pack: %w", err)
	}
	return rp, ctx.Err()
}
