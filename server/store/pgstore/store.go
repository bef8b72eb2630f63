package pgstore

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// Options configure Open.
type Options struct {
	// Schema, when set, is created if missing and used as search_path,
	// so tests (or tenants) can share one database in isolation.
	Schema string
	Hooks  store.Hooks
}

// Store is a store.Store on PostgreSQL.
type Store struct {
	pool    *pgxpool.Pool
	hooks   store.Hooks
	copyMin int // new records in a push from which they go in by COPY
}

var _ store.Store = (*Store)(nil)

// Open connects to the database at dsn and applies the schema.
func Open(ctx context.Context, dsn string, opt Options) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres dsn: %w", err)
	}
	if opt.Schema != "" {
		cfg.ConnConfig.RuntimeParams["search_path"] = opt.Schema
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect postgres: %w", err)
	}
	s := &Store{pool: pool, hooks: opt.Hooks, copyMin: copyMin}
	if err := s.migrate(ctx, opt.Schema); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) migrate(ctx context.Context, schemaName string) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(schemaLock)); err != nil {
			return err
		}
		if schemaName != "" {
			if _, err := tx.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS "+pgx.Identifier{schemaName}.Sanitize()); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, schema)
		return err
	})
	if err != nil {
		return fmt.Errorf("apply postgres schema: %w", err)
	}
	return nil
}

// Close closes the connection pool.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.pool.Ping(ctx) }

// Push applies a batch in one transaction holding the sequence lock.
func (s *Store) Push(ctx context.Context, p store.Principal, req protocol.PushRequest, now time.Time) (protocol.PushResponse, error) {
	var resp protocol.PushResponse
	err := pgx.BeginFunc(ctx, s.pool, func(ptx pgx.Tx) error {
		t := newTx(ptx)
		t.copyMin = s.copyMin
		if err := t.lockAndPrefetch(ctx, req); err != nil {
			return err
		}
		var err error
		if resp, err = store.ApplyBatch(ctx, t, p, req, now); err != nil {
			return err
		}
		if err := t.flush(ctx); err != nil {
			return err
		}
		if s.hooks.BeforeCommit != nil {
			s.hooks.BeforeCommit(ctx, req)
		}
		return nil
	})
	if err != nil {
		return protocol.PushResponse{}, fmt.Errorf("push from %s: %w", req.ClientID, err)
	}
	return resp, nil
}

// Pull reads a page of p's records after the cursor. It takes no lock:
// every sequence number it can see was committed in order.
func (s *Store) Pull(ctx context.Context, p store.Principal, after uint64, limit int) (store.Page, error) {
	limit = store.PageLimit(limit)
	var rows pgx.Rows
	var err error
	if p.Role == store.RoleAdmin {
		rows, err = s.pool.Query(ctx, `SELECT id, kind, seq, wire, tomb, true FROM records
			WHERE seq > $1 ORDER BY seq LIMIT $2`, int64(after), limit+1)
	} else {
		rows, err = s.pool.Query(ctx, `SELECT id, kind, seq, wire, tomb, $3 = ANY(zones) FROM records
			WHERE seq > $1 AND index_zones @> ARRAY[$3::text] ORDER BY seq LIMIT $2`, int64(after), limit+1, p.Zone)
	}
	if err != nil {
		return store.Page{}, fmt.Errorf("pull after %d: %w", after, err)
	}
	entries, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.Entry, error) {
		var e store.Entry
		var seq int64
		err := row.Scan(&e.ID, &e.Kind, &seq, &e.Wire, &e.Tomb, &e.Visible)
		e.Seq = uint64(seq)
		return e, err
	})
	if err != nil {
		return store.Page{}, fmt.Errorf("pull after %d: %w", after, err)
	}
	return store.BuildPage(entries, after, limit), nil
}

// scanRecord decodes one row holding a record's JSON.
func scanRecord(row pgx.CollectableRow) (store.Record, error) {
	var data []byte
	var r store.Record
	if err := row.Scan(&data); err != nil {
		return r, err
	}
	return r, json.Unmarshal(data, &r)
}

// PutUser creates or replaces a user, with its audit entries.
func (s *Store) PutUser(ctx context.Context, u store.User, audit ...store.AuditEntry) error {
	data, err := json.Marshal(u)
	if err != nil {
		return fmt.Errorf("encode user %s: %w", u.Name, err)
	}
	err = pgx.BeginFunc(ctx, s.pool, func(ptx pgx.Tx) error {
		_, err := ptx.Exec(ctx, "INSERT INTO users (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data", u.Name, data)
		if err != nil {
			return err
		}
		return appendAuditTx(ctx, ptx, audit)
	})
	if err != nil {
		return fmt.Errorf("write user %s: %w", u.Name, err)
	}
	return nil
}

// Users lists every user by name.
func (s *Store) Users(ctx context.Context) ([]store.User, error) {
	rows, err := s.pool.Query(ctx, `SELECT data FROM users ORDER BY name COLLATE "C"`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	users, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.User, error) {
		var data []byte
		var u store.User
		if err := row.Scan(&data); err != nil {
			return u, err
		}
		return u, json.Unmarshal(data, &u)
	})
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return users, nil
}

// User returns a user by name.
func (s *Store) User(ctx context.Context, name string) (store.User, error) {
	var data []byte
	err := s.pool.QueryRow(ctx, "SELECT data FROM users WHERE name = $1", name).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.User{}, fmt.Errorf("user %s: %w", name, store.ErrNotFound)
	}
	var u store.User
	if err == nil {
		err = json.Unmarshal(data, &u)
	}
	if err != nil {
		return store.User{}, fmt.Errorf("user %s: %w", name, err)
	}
	return u, nil
}

// Secret returns the signing key; the first process to ask creates it.
func (s *Store) Secret(ctx context.Context) ([]byte, error) {
	fresh := make([]byte, 32)
	rand.Read(fresh)
	if _, err := s.pool.Exec(ctx, "INSERT INTO meta (key, value) VALUES ('secret', $1) ON CONFLICT DO NOTHING", fresh); err != nil {
		return nil, fmt.Errorf("token secret: %w", err)
	}
	var secret []byte
	if err := s.pool.QueryRow(ctx, "SELECT value FROM meta WHERE key = 'secret'").Scan(&secret); err != nil {
		return nil, fmt.Errorf("token secret: %w", err)
	}
	return secret, nil
}

// Attempt counts a login attempt in the window containing now.
func (s *Store) Attempt(ctx context.Context, key string, now time.Time, win time.Duration) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `INSERT INTO attempts (key, start, count) VALUES ($1, $2, 1)
		ON CONFLICT (key) DO UPDATE SET
			count = CASE WHEN attempts.start = EXCLUDED.start THEN attempts.count + 1 ELSE 1 END,
			start = EXCLUDED.start
		RETURNING count`, key, now.Truncate(win).Unix()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count attempt %s: %w", key, err)
	}
	return n, nil
}

// ResetAttempts forgets the attempts under key.
func (s *Store) ResetAttempts(ctx context.Context, key string) error {
	if _, err := s.pool.Exec(ctx, "DELETE FROM attempts WHERE key = $1", key); err != nil {
		return fmt.Errorf("reset attempts %s: %w", key, err)
	}
	return nil
}
