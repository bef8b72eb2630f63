package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/shanhaifield/shanhai/sealing"
	bolt "go.etcd.io/bbolt"
)

// Backup writes an encrypted backup of the whole store to w: a
// consistent snapshot of the file (bbolt tx.WriteTo) sealed as a
// sealing stream under a key derived from passphrase with its own salt.
// On an encrypted store the passphrase must be the store's, so the
// restored file opens with the passphrase the backup opens with.
func (s *Store) Backup(ctx context.Context, w io.Writer, passphrase []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(passphrase) == 0 {
		return errors.New("backup: the passphrase is empty")
	}
	if s.vault != nil {
		wrapped, err := s.wrappedKey()
		if err != nil {
			return fmt.Errorf("backup: %w", err)
		}
		if _, err := sealing.Unwrap(wrapped, passphrase); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
	}
	sw, err := sealing.NewWriter(w, passphrase, s.keyCost)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(ctxWriter{ctx, sw})
		return err
	})
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := sw.Close(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// ctxWriter stops a long copy when its context ends.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// RestoreBackup opens a backup made by Backup and puts it at path. Every
// chunk is authenticated, the end must be there and the restored file
// must open as a store (and unlock with the passphrase if encrypted)
// before anything at path changes; then an existing file is moved aside
// (shanhai.db.before-restore-…), never deleted, and the restored one
// renamed into place.
func RestoreBackup(ctx context.Context, r io.Reader, passphrase []byte, path string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	tmp := path + ".restore"
	if err := writeRestored(ctx, r, passphrase, tmp); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("restore: %w", err)
	}
	if err := checkRestored(tmp, passphrase); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("restore: the backup does not hold a usable store: %w", err)
	}
	if err := replaceWith(path, tmp); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("restore: %w", err)
	}
	return nil
}

// writeRestored decrypts the backup into tmp and syncs it.
func writeRestored(ctx context.Context, r io.Reader, passphrase []byte, tmp string) error {
	sr, err := sealing.NewReader(r, passphrase)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(ctxWriter{ctx, f}, sr)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// checkRestored opens the restored file read-only: bbolt checks its meta
// pages, tx.Check walks every page, the schema must be one this program
// reads, and an encrypted store must unlock with the passphrase.
func checkRestored(tmp string, passphrase []byte) error {
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{ReadOnly: true, Timeout: defaultLockTimeout})
	if err != nil {
		return err
	}
	defer db.Close()
	return db.View(func(tx *bolt.Tx) error {
		var first error
		for err := range tx.Check() { // drain: the checker runs until done
			if first == nil {
				first = err
			}
		}
		if first != nil {
			return first
		}
		m, err := readMeta(tx)
		switch {
		case err != nil:
			return err
		case m.version == 0:
			return errors.New("no shanhai store in it")
		case m.version > schemaVersion:
			return fmt.Errorf("schema version %d: %w", m.version, ErrTooNew)
		}
		if wrapped := tx.Bucket(bucketMeta).Get(metaWrappedKey); wrapped != nil {
			if _, err := sealing.Unwrap(wrapped, passphrase); err != nil {
				return err
			}
		}
		return nil
	})
}

// replaceWith moves the file at path aside (when there is one) and
// renames tmp to path.
func replaceWith(path, tmp string) error {
	var moved string
	if _, err := os.Stat(path); err == nil {
		if err := checkNotInUse(path); err != nil {
			return err
		}
		if moved, err = asideName(path, "before-restore"); err != nil {
			return err
		}
		if err := os.Rename(path, moved); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		if moved != "" {
			_ = os.Rename(moved, path)
		}
		return err
	}
	return syncDir(dirOf(path))
}

func dirOf(path string) string { return filepath.Dir(path) }
