package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
)

// Probe is what can be learnt of a store file without its passphrase:
// enough to tell a user who forgot it what setting the file aside costs.
type Probe struct {
	Exists    bool
	Encrypted bool
	// Pending counts the outbox changes not yet acknowledged by the
	// server (lost with the file); PendingByKind splits them by kind.
	Pending       int
	PendingByKind map[record.Kind]int
	// LastSync is the end of the last good sync; zero if never.
	LastSync time.Time
}

// ProbeFile reads a store file read-only without unlocking it. A missing
// file is Probe{Exists: false} and no error; a file another process holds
// fails with ErrInUse.
func ProbeFile(ctx context.Context, path string) (Probe, error) {
	if err := ctx.Err(); err != nil {
		return Probe{}, err
	}
	info, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return Probe{}, nil
	}
	if err == nil && info.Size() == 0 {
		return Probe{Exists: true}, nil // an empty file Open turns into a new store
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: defaultLockTimeout})
	if errors.Is(err, bolt.ErrTimeout) {
		return Probe{}, fmt.Errorf("probe %s: %w", path, ErrInUse)
	}
	if err != nil {
		return Probe{}, fmt.Errorf("probe %s: %w", path, err)
	}
	defer db.Close()
	p := Probe{Exists: true, PendingByKind: map[record.Kind]int{}}
	err = db.View(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil {
			p.Encrypted = meta.Get(metaWrappedKey) != nil
			st, err := readSyncState(tx)
			if err != nil {
				return err
			}
			p.LastSync = st.LastSync
		}
		out := tx.Bucket(bucketOutbox)
		if out == nil {
			return nil
		}
		return out.ForEach(func(k, v []byte) error {
			kind, _, sealed := sealedKindOf(v)
			if !sealed {
				var err error
				if kind, err = kindOfJSON(v); err != nil {
					return fmt.Errorf("outbox entry %x: %w", k, err)
				}
			}
			p.Pending++
			p.PendingByKind[kind]++
			return nil
		})
	})
	if err != nil {
		return Probe{}, fmt.Errorf("probe %s: %w", path, err)
	}
	return p, nil
}

// SetAside renames a store file whose passphrase is lost to a name beside
// it (shanhai.db.locked-20261126T101500Z), so a new store can be made at
// path. The file is kept, never deleted: the passphrase may come back.
func SetAside(path string) (moved string, err error) {
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("set aside %s: %w", path, err)
	}
	if err := checkNotInUse(path); err != nil {
		return "", fmt.Errorf("set aside %s: %w", path, err)
	}
	moved, err = asideName(path, "locked")
	if err != nil {
		return "", err
	}
	if err := os.Rename(path, moved); err != nil {
		return "", fmt.Errorf("set aside %s: %w", path, err)
	}
	return moved, syncDir(dirOf(path))
}

// asideName is a free name beside path: path.<what>-<UTC time>[-n].
func asideName(path, what string) (string, error) {
	base := fmt.Sprintf("%s.%s-%s", path, what, time.Now().UTC().Format("20060102T150405Z"))
	name := base
	for n := 2; n < 1000; n++ {
		if _, err := os.Lstat(name); errors.Is(err, os.ErrNotExist) {
			return name, nil
		}
		name = fmt.Sprintf("%s-%d", base, n)
	}
	return "", fmt.Errorf("no free name beside %s", path)
}

// checkNotInUse fails with ErrInUse when another process has the store
// open: renaming it away under that process would lose its next writes.
func checkNotInUse(path string) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: defaultLockTimeout, ReadOnly: false})
	if errors.Is(err, bolt.ErrTimeout) {
		return ErrInUse
	}
	if err != nil {
		return err
	}
	return db.Close()
}
