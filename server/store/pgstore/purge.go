package pgstore

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/shanhaifield/shanhai/server/store"
)

// Purge removes old tombstones holding the sequence lock, so no push
// restores a record between the check and the delete, and raises the
// purge horizon (counters row 'purged_seq') in the same transaction.
func (s *Store) Purge(ctx context.Context, before time.Time) (int, error) {
	n := 0
	err := pgx.BeginFunc(ctx, s.pool, func(ptx pgx.Tx) error {
		if err := newTx(ptx).lockSeq(ctx); err != nil {
			return err
		}
		rows, err := ptx.Query(ctx, "SELECT data FROM records WHERE tomb")
		if err != nil {
			return err
		}
		recs, err := pgx.CollectRows(rows, scanRecord)
		if err != nil {
			return err
		}
		var ids []string
		var top int64
		for _, r := range recs {
			if r.Purgeable(before) {
				ids = append(ids, r.State.ID)
				top = max(top, int64(r.Seq))
			}
		}
		if len(ids) == 0 {
			return nil
		}
		if _, err := ptx.Exec(ctx, "DELETE FROM records WHERE id = ANY($1)", ids); err != nil {
			return err
		}
		n = len(ids)
		_, err = ptx.Exec(ctx, `INSERT INTO counters (name, value) VALUES ('purged_seq', $1)
			ON CONFLICT (name) DO UPDATE SET value = GREATEST(counters.value, EXCLUDED.value)`, top)
		if err != nil {
			return err
		}
		return appendAuditTx(ctx, ptx, []store.AuditEntry{store.PurgeAudit(time.Now(), before, n, uint64(top))})
	})
	if err != nil {
		return 0, fmt.Errorf("purge tombstones before %s: %w", before.Format(time.RFC3339), err)
	}
	return n, nil
}

// Horizon returns the highest purged sequence (0 before any purge).
func (s *Store) Horizon(ctx context.Context) (uint64, error) {
	var v int64
	err := s.pool.QueryRow(ctx, "SELECT COALESCE(MAX(value), 0) FROM counters WHERE name = 'purged_seq'").Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("purge horizon: %w", err)
	}
	return uint64(v), nil
}
