package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/shanhaifield/shanhai/storage"
	"github.com/shanhaifield/shanhai/sync/client"
)

// Syncer is what the 同步 screen and the login in 设置 need from the sync
// client. ClientSyncer is the real one; tests use a fake.
type Syncer interface {
	// Login asks server for a token and keeps it for later syncs.
	Login(ctx context.Context, server, user, password string) error
	// Logout forgets the token; local data and the outbox stay.
	Logout(ctx context.Context) error
	// SyncNow pushes local changes and pulls the server's, once.
	SyncNow(ctx context.Context) error
	// State returns the kept server, user, token, last sync and last error.
	State(ctx context.Context) (storage.SyncState, error)
	// Conflicts lists the open conflicts the user must review.
	Conflicts(ctx context.Context) ([]storage.Conflict, error)
	// Resolve settles a conflict with storage.KeepMine or KeepTheirs.
	Resolve(ctx context.Context, id, keep string) error
	// Rejected lists local changes the server refused and set aside.
	Rejected(ctx context.Context) ([]storage.Rejected, error)
}

// ClientSyncer is a Syncer over a sync client and its store.
type ClientSyncer struct {
	// Client talks to the server; Store is the store it syncs, read
	// directly for the state, conflicts and refused changes.
	Client *client.Client
	Store  *storage.Store
	// OnLogin and OnLogout, when set, run after a successful login or
	// logout: the caller starts or stops its background loop there.
	OnLogin, OnLogout func()
}

// The real syncer must keep satisfying Syncer.
var _ Syncer = (*ClientSyncer)(nil)

// Login logs in through the client and then runs OnLogin.
func (s *ClientSyncer) Login(ctx context.Context, server, user, password string) error {
	if _, err := s.Client.Login(ctx, server, user, password); err != nil {
		return err
	}
	if s.OnLogin != nil {
		s.OnLogin()
	}
	return nil
}

// Logout forgets the token and then runs OnLogout.
func (s *ClientSyncer) Logout(ctx context.Context) error {
	if err := s.Client.Logout(ctx); err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	if s.OnLogout != nil {
		s.OnLogout()
	}
	return nil
}

// SyncNow runs one sync; the report is kept in the store's sync state.
func (s *ClientSyncer) SyncNow(ctx context.Context) error {
	_, err := s.Client.Sync(ctx)
	return err
}

// State returns the store's sync state.
func (s *ClientSyncer) State(ctx context.Context) (storage.SyncState, error) {
	return s.Store.SyncState(ctx)
}

// Conflicts returns the store's open conflicts.
func (s *ClientSyncer) Conflicts(ctx context.Context) ([]storage.Conflict, error) {
	return s.Store.Conflicts(ctx)
}

// Resolve settles one conflict in the store.
func (s *ClientSyncer) Resolve(ctx context.Context, id, keep string) error {
	return s.Store.Resolve(ctx, id, keep)
}

// Rejected returns the store's set-aside changes.
func (s *ClientSyncer) Rejected(ctx context.Context) ([]storage.Rejected, error) {
	return s.Store.RejectedChanges(ctx)
}

// syncFailed tells a sync error the user must act on (log in again,
// upgrade) from being offline, which the loop retries by itself.
func syncFailed(err error) bool {
	return err != nil && (!client.Retryable(err) || errors.Is(err, client.ErrOutdated))
}
