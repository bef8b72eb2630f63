package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Sync buckets, created on first use so that opening a store needs no
// migration for them.
var (
	bucketConflicts = []byte("sync_conflicts") // conflict ID → Conflict
	bucketRejected  = []byte("sync_rejected")  // seqKey → Rejected
)

// metaSync holds the SyncState under this key of the meta bucket.
var metaSync = []byte("sync_state")

// SyncState is what the sync client keeps between runs. The token is a
// secret: the store file is created with mode 0600, and an encrypted
// store keeps the token sealed apart from the rest (synctoken.go).
type SyncState struct {
	Server string `json:"server,omitempty"`
	User   string `json:"user,omitempty"`
	Zone   string `json:"zone,omitempty"`
	// Role is the role the server gave at the last login (staff, manager
	// or admin); offline the last known role applies, "" counts as staff.
	Role  string `json:"role,omitempty"`
	Token string `json:"token,omitempty"`
	// TokenExpires is when the server stops accepting Token.
	TokenExpires time.Time `json:"token_expires,omitzero"`
	// ClientID names this installation to the server; generated once.
	ClientID string `json:"client_id,omitempty"`
	// Cursor is the server sequence the last applied pull page ended at.
	// ApplyRemote writes it together with the page.
	Cursor   uint64    `json:"cursor,omitempty"`
	LastSync time.Time `json:"last_sync,omitzero"`
	// LastError is the English text of the last failed sync, "" after a
	// good one; LastErrorZh is what the UI shows.
	LastError   string    `json:"last_error,omitempty"`
	LastErrorZh string    `json:"last_error_zh,omitempty"`
	LastErrorAt time.Time `json:"last_error_at,omitzero"`
}

// SyncState returns the stored sync state, with a client ID generated and
// kept on first call.
func (s *Store) SyncState(ctx context.Context) (SyncState, error) {
	if err := ctx.Err(); err != nil {
		return SyncState{}, err
	}
	var st SyncState
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if st, err = readSyncState(tx); err != nil {
			return err
		}
		return s.vault.readToken(tx, &st)
	})
	if err != nil || st.ClientID != "" {
		return st, err
	}
	err = s.UpdateSyncState(ctx, func(st *SyncState) error { return nil })
	if err != nil {
		return SyncState{}, err
	}
	return s.SyncState(ctx)
}

// UpdateSyncState changes the sync state in one transaction: fn sees the
// current state and edits it in place. The cursor is not fn's to move:
// only ApplyRemote moves it, with the records it covers.
func (s *Store) UpdateSyncState(ctx context.Context, fn func(st *SyncState) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		st, err := readSyncState(tx)
		if err != nil {
			return err
		}
		if err := s.vault.readToken(tx, &st); err != nil {
			return err
		}
		cursor := st.Cursor
		if err := fn(&st); err != nil {
			return err
		}
		st.Cursor = cursor
		if st.ClientID == "" {
			if st.ClientID, err = s.ids.next(s.now()); err != nil {
				return err
			}
		}
		if st, err = s.vault.writeToken(tx, st); err != nil {
			return err
		}
		return writeSyncState(tx, st)
	})
}

// ResetCursor makes the next pull start from the beginning, as a client
// does when the server says it is too far behind. Local edits stay in
// the outbox.
func (s *Store) ResetCursor(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		st, err := readSyncState(tx)
		if err != nil {
			return err
		}
		st.Cursor = 0
		return writeSyncState(tx, st)
	})
}

func readSyncState(tx *bolt.Tx) (SyncState, error) {
	var st SyncState
	data := tx.Bucket(bucketMeta).Get(metaSync)
	if data == nil {
		return st, nil
	}
	if err := json.Unmarshal(data, &st); err != nil {
		return st, fmt.Errorf("decode sync state: %w", err)
	}
	return st, nil
}

func writeSyncState(tx *bolt.Tx, st SyncState) error {
	data, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("encode sync state: %w", err)
	}
	if err := tx.Bucket(bucketMeta).Put(metaSync, data); err != nil {
		return fmt.Errorf("store sync state: %w", err)
	}
	return nil
}
