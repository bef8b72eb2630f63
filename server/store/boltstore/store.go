package boltstore

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// Bucket names.
var (
	bRecords   = []byte("records")   // id → Record JSON
	bSeq       = []byte("seq")       // big-endian seq → id; NextSequence numbers changes
	bZones     = []byte("zones")     // zone → (big-endian seq → id)
	bMutations = []byte("mutations") // client \x00 mutation → Result JSON
	bClients   = []byte("clients")   // client → last mutation JSON
	bUsers     = []byte("users")     // name → User JSON
	bMeta      = []byte("meta")      // "secret"
	bAttempts  = []byte("attempts")  // key → attempt window JSON
	bChildren  = []byte("children")  // parent \x00 child → nothing
	bWire      = []byte("wire")      // id → pull form (protocol.Record JSON)
)

// Store is a store.Store on one bbolt file.
type Store struct {
	db    *bolt.DB
	hooks store.Hooks
	// pushes counts pushes in progress: a push alone commits at once
	// instead of waiting MaxBatchDelay for batch-mates that are not coming.
	pushes atomic.Int32
}

var _ store.Store = (*Store)(nil)

// Open opens or creates the store file at path.
func Open(ctx context.Context, path string, hooks store.Hooks) (*Store, error) {
	// The hashmap freelist keeps page allocation cheap once the file is
	// large (an initial push of 100k records spent its commit time in
	// the array freelist's allocate); the freelist is still synced, so
	// open stays fast, and fsync stays on.
	//
	// 16 KiB pages (new files only; an existing file keeps its own): a
	// commit writes each dirty page with its own pwrite, and a push of
	// 1,000 changes dirties hundreds of 4 KiB pages.
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, FreelistType: bolt.FreelistMapType, PageSize: 16 << 10})
	if err != nil {
		return nil, fmt.Errorf("open server store %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bRecords, bSeq, bZones, bMutations, bClients, bUsers, bMeta, bAttempts, bChildren, bWire, bAudit} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return fmt.Errorf("create bucket %s: %w", b, err)
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open server store %s: %w", path, err)
	}
	// Concurrent pushes share one commit (and one fsync) when they arrive
	// within 2 ms of each other; each push stays atomic, and a push that
	// fails is re-run alone (bbolt's Batch contract).
	db.MaxBatchDelay = 2 * time.Millisecond
	return &Store{db: db, hooks: hooks}, ctx.Err()
}

// Close closes the file.
func (s *Store) Close() error { return s.db.Close() }

// Ping checks that the file can be read.
func (s *Store) Ping(ctx context.Context) error {
	return s.db.View(func(tx *bolt.Tx) error { return ctx.Err() })
}

// Push applies a batch in one bbolt transaction, shared with other
// pushes arriving at the same moment (group commit) when there are any. The function
// may run more than once if a batch-mate fails; it only reads and writes
// the transaction, so a re-run gives the same result.
func (s *Store) Push(ctx context.Context, p store.Principal, req protocol.PushRequest, now time.Time) (protocol.PushResponse, error) {
	if err := s.followsLast(ctx, req); err != nil {
		return protocol.PushResponse{}, fmt.Errorf("push from %s: %w", req.ClientID, err)
	}
	var resp protocol.PushResponse
	run := s.db.Batch
	if s.pushes.Add(1) == 1 {
		run = s.db.Update
	}
	defer s.pushes.Add(-1)
	err := run(func(btx *bolt.Tx) error {
		dense(btx)
		var err error
		if resp, err = store.ApplyBatch(ctx, &tx{btx}, p, req, now); err != nil {
			return err
		}
		if s.hooks.BeforeCommit != nil {
			s.hooks.BeforeCommit(ctx, req)
		}
		return ctx.Err()
	})
	if err != nil {
		return protocol.PushResponse{}, fmt.Errorf("push from %s: %w", req.ClientID, err)
	}
	return resp, nil
}

// followsLast checks a pipelined push's order (store.ApplyBatch checks it
// again in the transaction) before it joins a shared commit: a function
// failing inside bbolt's Batch rolls back its batch-mates' work too.
func (s *Store) followsLast(ctx context.Context, req protocol.PushRequest) error {
	if req.After == "" {
		return nil
	}
	var last string
	err := s.db.View(func(btx *bolt.Tx) error {
		var err error
		last, err = (&tx{btx}).LastMutation(ctx, req.ClientID)
		return err
	})
	if err != nil {
		return err
	}
	if last != req.After {
		return fmt.Errorf("client %s: after %s, last applied %q: %w", req.ClientID, req.After, last, store.ErrOutOfOrder)
	}
	return nil
}

// Pull reads a page of p's index after the cursor.
func (s *Store) Pull(ctx context.Context, p store.Principal, after uint64, limit int) (store.Page, error) {
	limit = store.PageLimit(limit)
	var entries []store.Entry
	err := s.db.View(func(btx *bolt.Tx) error {
		idx := btx.Bucket(bSeq)
		if p.Role != store.RoleAdmin {
			if idx = btx.Bucket(bZones).Bucket([]byte(p.Zone)); idx == nil {
				return nil
			}
		}
		wire := btx.Bucket(bWire)
		c := idx.Cursor()
		for k, v := c.Seek(seqKey(after + 1)); k != nil && len(entries) <= limit; k, v = c.Next() {
			e, err := decodeEntry(k, v)
			if err != nil {
				return err
			}
			if e.Visible && !(after == 0 && e.Tomb) {
				// bbolt memory is valid only inside the transaction.
				e.Wire = append([]byte(nil), wire.Get([]byte(e.ID))...)
			}
			entries = append(entries, e)
		}
		return ctx.Err()
	})
	if err != nil {
		return store.Page{}, fmt.Errorf("pull after %d: %w", after, err)
	}
	return store.BuildPage(entries, after, limit), nil
}

// PutUser creates or replaces a user, with its audit entries.
func (s *Store) PutUser(ctx context.Context, u store.User, audit ...store.AuditEntry) error {
	data, err := json.Marshal(u)
	if err != nil {
		return fmt.Errorf("encode user %s: %w", u.Name, err)
	}
	err = s.db.Update(func(btx *bolt.Tx) error {
		if err := btx.Bucket(bUsers).Put([]byte(u.Name), data); err != nil {
			return err
		}
		if len(audit) == 0 {
			return nil
		}
		return (&tx{btx}).AppendAudit(ctx, audit)
	})
	if err != nil {
		return fmt.Errorf("write user %s: %w", u.Name, err)
	}
	return ctx.Err()
}

// Users lists every user by name.
func (s *Store) Users(ctx context.Context) ([]store.User, error) {
	var out []store.User
	err := s.db.View(func(btx *bolt.Tx) error {
		return btx.Bucket(bUsers).ForEach(func(k, v []byte) error {
			var u store.User
			if err := json.Unmarshal(v, &u); err != nil {
				return fmt.Errorf("user %s: %w: %v", k, errCorrupt, err)
			}
			out = append(out, u)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return out, ctx.Err()
}

// User returns a user by name.
func (s *Store) User(ctx context.Context, name string) (store.User, error) {
	var u store.User
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bUsers).Get([]byte(name))
		if v == nil {
			return store.ErrNotFound
		}
		return json.Unmarshal(v, &u)
	})
	if err != nil {
		return store.User{}, fmt.Errorf("user %s: %w", name, err)
	}
	return u, nil
}

// Secret returns the signing key, creating it on first use.
func (s *Store) Secret(ctx context.Context) ([]byte, error) {
	var secret []byte
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bMeta)
		if v := b.Get([]byte("secret")); v != nil {
			secret = append([]byte(nil), v...)
			return nil
		}
		secret = make([]byte, 32)
		rand.Read(secret)
		return b.Put([]byte("secret"), secret)
	})
	if err != nil {
		return nil, fmt.Errorf("token secret: %w", err)
	}
	return secret, ctx.Err()
}

type window struct {
	Start int64 `json:"start"`
	Count int   `json:"count"`
}

// Attempt counts a login attempt in the window containing now.
func (s *Store) Attempt(ctx context.Context, key string, now time.Time, win time.Duration) (int, error) {
	start := now.Truncate(win).Unix()
	var w window
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bAttempts)
		if v := b.Get([]byte(key)); v != nil {
			if err := json.Unmarshal(v, &w); err != nil {
				return err
			}
		}
		if w.Start != start {
			w = window{Start: start}
		}
		w.Count++
		v, err := json.Marshal(w)
		if err != nil {
			return err
		}
		return b.Put([]byte(key), v)
	})
	if err != nil {
		return 0, fmt.Errorf("count attempt %s: %w", key, err)
	}
	return w.Count, ctx.Err()
}

// ResetAttempts forgets the attempts under key.
func (s *Store) ResetAttempts(ctx context.Context, key string) error {
	err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bAttempts).Delete([]byte(key)) })
	if err != nil {
		return fmt.Errorf("reset attempts %s: %w", key, err)
	}
	return ctx.Err()
}

var errCorrupt = errors.New("corrupt store entry")
