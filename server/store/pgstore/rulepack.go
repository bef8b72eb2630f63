package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/shanhaifield/shanhai/server/store"
)

// PutRulePack stores a published rule pack, with its audit entries.
func (s *Store) PutRulePack(ctx context.Context, rp store.RulePack, audit ...store.AuditEntry) error {
	err := pgx.BeginFunc(ctx, s.pool, func(ptx pgx.Tx) error {
		_, err := ptx.Exec(ctx, `INSERT INTO rulepacks (date, version, data, published, by_user)
			VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (date, version) DO UPDATE SET data = $3, published = $4, by_user = $5`,
			rp.Date, rp.Version, rp.Data, rp.Published, rp.By)
		if err != nil {
			return err
		}
		return appendAuditTx(ctx, ptx, audit)
	})
	if err != nil {
		return fmt.Errorf("store rule pack %s: %w", rp.Version, err)
	}
	return nil
}

// LatestRulePack returns the latest published pack. COLLATE "C" orders
// as Go compares strings, so both backends agree on which is latest.
func (s *Store) LatestRulePack(ctx context.Context) (store.RulePack, error) {
	var rp store.RulePack
	err := s.pool.QueryRow(ctx, `SELECT date, version, data, published, by_user FROM rulepacks
		ORDER BY date COLLATE "C" DESC, version COLLATE "C" DESC LIMIT 1`).
		Scan(&rp.Date, &rp.Version, &rp.Data, &rp.Published, &rp.By)
	if errors.Is(err, pgx.ErrNoRows) {
		err = store.ErrNotFound
	}
	if err != nil {
		return store.RulePack{}, fmt.Errorf("latest rule pack: %w", err)
	}
	return rp, nil
}
