package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/shanhaifield/shanhai/server/store"
)

// AppendAudit implements store.Tx: entries wait for flush, which writes
// them with the rest of the batch.
func (t *tx) AppendAudit(ctx context.Context, entries []store.AuditEntry) error {
	t.audit = append(t.audit, entries...)
	return ctx.Err()
}

// queueAudit locks the audit_head row (held until commit, so appends
// from every process form one chain), which holds the last entry's
// number and hash, and queues the numbered, chained entries and the new
// head on b. The head is one row, not a join on the audit table: after
// waiting for the lock, PostgreSQL re-reads the locked row itself but
// not rows joined to it, which would miss the entry just committed. The
// lock is taken last in a push, after the sequence lock, so a push holds
// it only for the final round trip; every caller takes the two locks in
// that order.
func queueAudit(ctx context.Context, ptx pgx.Tx, b *pgx.Batch, entries []store.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	var last int64
	var prev []byte
	if err := ptx.QueryRow(ctx, "SELECT seq, hash FROM audit_head FOR UPDATE").Scan(&last, &prev); err != nil {
		return fmt.Errorf("lock audit log: %w", err)
	}
	links, err := store.Link(entries, uint64(last)+1, prev)
	if err != nil {
		return err
	}
	n := len(links)
	seqs, prevs, hashes, data := make([]int64, n), make([][]byte, n), make([][]byte, n), make([][]byte, n)
	for i, l := range links {
		seqs[i], prevs[i], hashes[i], data[i] = int64(l.Seq), l.Prev, l.Hash, l.Data
	}
	b.Queue(`INSERT INTO audit (seq, prev, hash, data)
		SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::bytea[], $4::bytea[])`, seqs, prevs, hashes, data)
	b.Queue("UPDATE audit_head SET seq = $1, hash = $2", last+int64(n), links[n-1].Hash)
	return nil
}

// appendAuditTx writes entries inside ptx.
func appendAuditTx(ctx context.Context, ptx pgx.Tx, entries []store.AuditEntry) error {
	b := &pgx.Batch{}
	if err := queueAudit(ctx, ptx, b, entries); err != nil || b.Len() == 0 {
		return err
	}
	if err := ptx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("write audit entries: %w", err)
	}
	return nil
}

// AppendAudit appends entries in a transaction of their own.
func (s *Store) AppendAudit(ctx context.Context, entries ...store.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	err := pgx.BeginFunc(ctx, s.pool, func(ptx pgx.Tx) error { return appendAuditTx(ctx, ptx, entries) })
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	return nil
}

// AuditLinks returns up to limit stored entries after the given sequence.
func (s *Store) AuditLinks(ctx context.Context, after uint64, limit int) ([]store.AuditLink, error) {
	rows, err := s.pool.Query(ctx, "SELECT seq, prev, hash, data FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2", int64(after), limit)
	if err != nil {
		return nil, fmt.Errorf("read audit log after %d: %w", after, err)
	}
	links, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.AuditLink, error) {
		var l store.AuditLink
		var seq int64
		err := row.Scan(&seq, &l.Prev, &l.Hash, &l.Data)
		l.Seq = uint64(seq)
		return l, err
	})
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("read audit log after %d: %w", after, err)
	}
	return links, nil
}
