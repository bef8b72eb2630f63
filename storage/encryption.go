package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sealing"
	bolt "go.etcd.io/bbolt"
)

// Meta keys of encryption.
var (
	// metaWrappedKey holds the data key wrapped by the passphrase (see
	// sealing.Wrapped); its presence makes the store encrypted.
	metaWrappedKey = []byte("wrapped_key")
	// metaCompactPending is set in the transaction that seals a
	// plaintext store and removed in the compacted copy: the old file's
	// free pages still hold the plaintext until the copy replaces it.
	metaCompactPending = []byte("compact_pending")
)

// compactSuffix names the compacted copy being written beside the store.
const compactSuffix = ".compact"

// Encrypted reports whether personal values in the store are sealed.
func (s *Store) Encrypted() bool { return s.vault != nil }

// setUp unlocks an encrypted store, migrates the layout, seals a
// plaintext store when a passphrase is given, and finishes a compaction a
// crash interrupted.
func (s *Store) setUp(ctx context.Context, opts Options, fresh bool) error {
	wrapped, err := s.wrappedKey()
	if err != nil {
		return err
	}
	if wrapped != nil {
		if opts.Passphrase == nil {
			return ErrLocked
		}
		keys, err := sealing.Unwrap(wrapped, opts.Passphrase)
		if err != nil {
			return fmt.Errorf("unlock: %w", err)
		}
		s.vault = &vault{keys: keys}
	}
	if err := s.prepare(ctx, opts.Node); err != nil {
		return err
	}
	if s.vault == nil && opts.Passphrase != nil {
		if len(opts.Passphrase) == 0 {
			return errors.New("encrypt store: the passphrase is empty")
		}
		if err := s.encrypt(ctx, opts.Passphrase, !fresh); err != nil {
			return err
		}
	}
	return s.compactIfPending(ctx)
}

// wrappedKey reads the wrapped data key; nil for a plaintext store.
func (s *Store) wrappedKey() ([]byte, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketMeta); b != nil {
			out = bytes.Clone(b.Get(metaWrappedKey))
		}
		return nil
	})
	return out, err
}

// encrypt seals every personal value of a plaintext store and stores the
// wrapped key, all in one transaction: a crash leaves the store plaintext
// (and the next Open with a passphrase starts again) or wholly sealed.
// compact marks the old file for compaction when it held plaintext.
func (s *Store) encrypt(ctx context.Context, passphrase []byte, compact bool) error {
	keys, err := sealing.NewKeys()
	if err != nil {
		return err
	}
	wrapped, err := keys.Wrap(passphrase, s.keyCost)
	if err != nil {
		return fmt.Errorf("wrap data key: %w", err)
	}
	v := &vault{keys: keys}
	err = s.db.Update(func(tx *bolt.Tx) error {
		if err := sealPlaintext(ctx, tx, v); err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		if compact {
			if err := meta.Put(metaCompactPending, []byte("1")); err != nil {
				return err
			}
		}
		return meta.Put(metaWrappedKey, wrapped)
	})
	if err != nil {
		return fmt.Errorf("encrypt store: %w", err)
	}
	s.vault = v
	s.log.Debug("store encrypted", "path", s.path)
	return nil
}

// sealPlaintext seals the records of personal kinds, the outbox,
// conflict and rejected entries of those kinds, and rekeys the mobile
// index by MAC.
func sealPlaintext(ctx context.Context, tx *bolt.Tx, v *vault) error {
	for _, k := range []record.Kind{record.KindContact, record.KindVisit} {
		if err := sealBucket(ctx, tx, v, kindBucket(k), func([]byte) (record.Kind, error) { return k, nil }); err != nil {
			return err
		}
	}
	if err := sealBucket(ctx, tx, v, bucketOutbox, kindOfJSON); err != nil {
		return err
	}
	if err := sealBucket(ctx, tx, v, bucketConflicts, kindOfJSON); err != nil {
		return err
	}
	if err := sealBucket(ctx, tx, v, bucketRejected, func(data []byte) (record.Kind, error) {
		var r struct {
			Change struct {
				Kind record.Kind `json:"kind"`
			} `json:"change"`
		}
		err := json.Unmarshal(data, &r)
		return r.Change.Kind, err
	}); err != nil {
		return err
	}
	if err := sealToken(tx, v); err != nil {
		return err
	}
	if err := tx.DeleteBucket(bucketMobile); err != nil {
		return fmt.Errorf("clear %s: %w", bucketMobile, err)
	}
	if _, err := tx.CreateBucket(bucketMobile); err != nil {
		return fmt.Errorf("create %s: %w", bucketMobile, err)
	}
	return tx.Bucket(kindBucket(record.KindContact)).ForEach(func(k, data []byte) error {
		rec, err := v.decode(record.KindContact, k, data)
		if err != nil {
			return err
		}
		return putIndexes(tx, v.indexEntries(rec))
	})
}

// kindOfJSON reads the "kind" of an outbox or conflict entry. Entries
// this package wrote have it near the start with no escapes in it, so it
// is found without decoding the whole entry (ProbeFile reads every
// outbox entry); anything else goes through encoding/json.
func kindOfJSON(data []byte) (record.Kind, error) {
	if _, rest, ok := bytes.Cut(data, []byte(`,"kind":"`)); ok {
		if kind, _, ok := bytes.Cut(rest, []byte(`"`)); ok && knownKind(record.Kind(kind)) {
			return record.Kind(kind), nil
		}
	}
	var e struct {
		Kind record.Kind `json:"kind"`
	}
	err := json.Unmarshal(data, &e)
	return e.Kind, err
}

// sealBucket seals, in place, every plaintext value of bucket whose kind
// is personal. A missing bucket has nothing to seal.
func sealBucket(ctx context.Context, tx *bolt.Tx, v *vault, bucket []byte, kindOf func([]byte) (record.Kind, error)) error {
	b := tx.Bucket(bucket)
	if b == nil {
		return nil
	}
	type kv struct{ k, v []byte }
	var sealed []kv
	err := b.ForEach(func(k, data []byte) error {
		if len(data) == 0 || data[0] == sealedMark {
			return nil
		}
		kind, err := kindOf(data)
		if err != nil {
			return fmt.Errorf("%s %x: %w", bucket, k, err)
		}
		if sealedKind(kind) {
			sealed = append(sealed, kv{bytes.Clone(k), v.seal(bucket, k, kind, data)})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("seal %s: %w", bucket, err)
	}
	for i, e := range sealed {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := b.Put(e.k, e.v); err != nil {
			return fmt.Errorf("seal %s %x: %w", bucket, e.k, err)
		}
	}
	return nil
}

// compactIfPending rewrites the file when a sealing left plaintext in
// its free pages.
func (s *Store) compactIfPending(ctx context.Context) error {
	var pending bool
	if err := s.db.View(func(tx *bolt.Tx) error {
		pending = tx.Bucket(bucketMeta).Get(metaCompactPending) != nil
		return nil
	}); err != nil {
		return err
	}
	if !pending {
		return nil
	}
	return s.compact(ctx)
}

// compact copies the live data into a fresh file beside the store, syncs
// it, and renames it over the store, so pages that held plaintext are
// gone from the file. Until the rename the old file stays the store (a
// crash leaves it, still marked, and the next Open compacts again).
func (s *Store) compact(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	tmp := s.path + compactSuffix
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("compact: remove stale copy: %w", err)
	}
	dst, err := openBolt(tmp, s.lockTimeout)
	if err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	err = bolt.Compact(dst, s.db, 64<<20)
	if err == nil {
		err = dst.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(metaCompactPending) })
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("compact: %w", err)
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("compact: close store: %w", err)
	}
	s.db = nil
	renameErr := os.Rename(tmp, s.path)
	if renameErr == nil {
		renameErr = syncDir(filepath.Dir(s.path))
	}
	if s.db, err = openBolt(s.path, s.lockTimeout); err != nil {
		return fmt.Errorf("compact: reopen: %w", err)
	}
	if renameErr != nil {
		return fmt.Errorf("compact: replace store: %w", renameErr)
	}
	return nil
}

// syncDir makes a rename in dir durable. Windows cannot open a directory
// for syncing; there a rename is durable once it returns.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// ChangePassphrase re-wraps the data key under new after checking old;
// no record is rewritten. The old wrapped key may linger in a free page
// of the file until bbolt reuses it (docs/encryption.md).
func (s *Store) ChangePassphrase(ctx context.Context, old, new []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.vault == nil {
		return errors.New("change passphrase: the store is not encrypted")
	}
	if len(new) == 0 {
		return errors.New("change passphrase: the new passphrase is empty")
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if _, err := sealing.Unwrap(meta.Get(metaWrappedKey), old); err != nil {
			return fmt.Errorf("change passphrase: %w", err)
		}
		wrapped, err := s.vault.keys.Wrap(new, s.keyCost)
		if err != nil {
			return fmt.Errorf("change passphrase: %w", err)
		}
		return meta.Put(metaWrappedKey, wrapped)
	})
}
