package app

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/shanhaifield/shanhai/record"
)

// MinPassphrase is the shortest passphrase the window accepts, in
// characters (not bytes: a Chinese passphrase counts its characters).
const MinPassphrase = 8

// ErrWrongPassphrase is what a Vault's Open and RestoreBackup return (or
// wrap) when the passphrase does not unlock the store or the backup. The
// window shows it beside the entry instead of as a failure.
var ErrWrongPassphrase = errors.New("wrong passphrase")

// Probe is what the window can learn about the store file before it is
// unlocked: whether it exists and is encrypted, and what would be lost
// if it were set aside (the changes not yet synced and the last sync).
type Probe struct {
	Exists, Encrypted bool
	// Pending counts the unsent local changes; PendingByKind splits them
	// by record kind.
	Pending       int
	PendingByKind map[record.Kind]int
	// LastSync is the last good sync, zero when never.
	LastSync time.Time
}

// Vault opens the store file with the user's passphrase. cmd/shanhai
// adapts the storage package to it; tests use a fake. It runs off the UI
// goroutine: deriving the key (argon2id) takes up to a second, and the
// first open of a plaintext store seals its personal values.
type Vault interface {
	// Probe reads the state of the store file without a passphrase.
	Probe(ctx context.Context) (Probe, error)
	// Open unlocks the store, creating it when there is none; a new or
	// plaintext store gets encrypted with passphrase. A passphrase that
	// does not unlock it yields an error wrapping ErrWrongPassphrase.
	Open(ctx context.Context, passphrase []byte) (Services, error)
	// SetAside moves the locked store file away (it is never deleted)
	// so that a new store can be made; it returns where the file went.
	SetAside(ctx context.Context) (moved string, err error)
	// RestoreBackup replaces the store file with the backup read from r,
	// unlocked with the backup's passphrase; the current file is moved
	// aside, never deleted. The store must not be open.
	RestoreBackup(ctx context.Context, r io.Reader, passphrase []byte) error
	// Close closes the store Open returned, before a restore replaces it
	// or when the window closes.
	Close() error
}

// Keys is what the open store offers for its passphrase and backups;
// the encrypted *storage.Store satisfies it.
type Keys interface {
	// Backup writes an encrypted copy of the whole store to w, sealed
	// with passphrase.
	Backup(ctx context.Context, w io.Writer, passphrase []byte) error
	// ChangePassphrase re-wraps the data key: old must unlock it.
	ChangePassphrase(ctx context.Context, old, new []byte) error
}

// keysFor returns the key services of svc, nil when the store has none
// (a test fake without them) or is not encrypted: a plaintext store has
// no passphrase to change or seal a backup with.
func keysFor(svc Services) Keys {
	k, _ := svc.(Keys)
	if e, ok := svc.(interface{ Encrypted() bool }); ok && !e.Encrypted() {
		return nil
	}
	return k
}
