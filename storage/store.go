package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/sealing"
	"github.com/shanhaifield/shanhai/search"
	bolt "go.etcd.io/bbolt"
)

// FileName is the name of the store file inside the data directory.
const FileName = "shanhai.db"

// defaultLockTimeout is how long Open waits for another process to let go
// of the file before it reports ErrInUse.
const defaultLockTimeout = time.Second

// Store is the local bbolt store. It is safe for concurrent use; bbolt
// serialises writers.
type Store struct {
	db     *bolt.DB
	path   string
	author string
	now    func() time.Time
	node   string
	clock  *hlc.Clock
	ids    *idSource
	log    *slog.Logger
	// vault seals personal values; nil for a plaintext store.
	vault       *vault
	lockTimeout time.Duration
	keyCost     sealing.Params

	// searchMu guards index and is held while the index is built, so a
	// write that commits meanwhile waits and then updates the new index.
	searchMu sync.Mutex
	index    *search.Index // nil until first built
}

// DefaultDir is where the store lives: $SHANHAI_DATA when set, else
// os.UserConfigDir()/shanhai.
func DefaultDir() (string, error) {
	if d := os.Getenv("SHANHAI_DATA"); d != "" {
		return d, nil
	}
	cfg, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find data directory: %w", err)
	}
	return filepath.Join(cfg, "shanhai"), nil
}

// DefaultPath is DefaultDir()/shanhai.db.
func DefaultPath() (string, error) {
	dir, err := DefaultDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, FileName), nil
}

// boltOptions are the bbolt settings of every open. The freelist is
// synced on commit (NoFreelistSync false) because an unsynced one is
// rebuilt on every open by walking the whole file: measured on the 100k
// benchmark store (450 MiB), open took 300 ms that way and under 1 ms with
// a synced freelist, while bulk insert CPU time was the same (8.0 vs 7.9
// cpu-s). The hashmap freelist keeps allocation fast in a large file.
// fsync stays on.
func boltOptions(timeout time.Duration) *bolt.Options {
	return &bolt.Options{
		Timeout:        timeout,
		NoFreelistSync: false,
		FreelistType:   bolt.FreelistMapType,
		// 16 KiB pages: fewer, fuller pages for the random-key indexes
		// (credit code, name, mobile); about 20 % less CPU in bulk inserts
		// than the 4 KiB default. Applies to new files only.
		PageSize: 16 << 10,
	}
}

// Open opens or creates the store file at path, migrates it to the
// current schema and restores the node id and clock. It fails with
// ErrInUse when another process has the file open and with ErrTooNew when
// the file comes from a newer program.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open store: create directory: %w", err)
	}
	timeout := opts.LockTimeout
	if timeout <= 0 {
		timeout = defaultLockTimeout
	}
	_, statErr := os.Stat(path)
	fresh := errors.Is(statErr, fs.ErrNotExist)
	db, err := openBolt(path, timeout)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, author: opts.Author, now: opts.Now, log: slog.Default(),
		lockTimeout: timeout, keyCost: opts.KeyCost}
	if s.keyCost == (sealing.Params{}) {
		s.keyCost = sealing.DefaultParams()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if err := s.setUp(ctx, opts, fresh); err != nil {
		if s.db != nil {
			_ = s.db.Close()
		}
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s.ids = newIDSource()
	return s, nil
}

// openBolt opens the bbolt file with the store's settings.
func openBolt(path string, timeout time.Duration) (*bolt.DB, error) {
	db, err := bolt.Open(path, 0o600, boltOptions(timeout))
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("open store %s: %w", path, ErrInUse)
	}
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return db, nil
}

// Close closes the file. The Store must not be used afterwards.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", s.path, err)
	}
	return nil
}

// Path is the store file.
func (s *Store) Path() string { return s.path }

// Node is this installation's name in HLC stamps.
func (s *Store) Node() string { return s.node }

// storedMeta is what prepare reads from the meta bucket.
type storedMeta struct {
	version int
	node    string
	clock   string
}

// prepare reads meta in a read transaction and opens a write transaction
// only when something must change, so that opening a current store never
// pays for a commit.
func (s *Store) prepare(ctx context.Context, node string) error {
	var m storedMeta
	var missing int
	if err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		m, err = readMeta(tx)
		if m.version == schemaVersion {
			missing = len(missingKindBuckets(tx))
		}
		return err
	}); err != nil {
		return err
	}
	if m.version > schemaVersion {
		return fmt.Errorf("schema version %d, this program knows up to %d: %w", m.version, schemaVersion, ErrTooNew)
	}
	if node == "" {
		node = m.node
	}
	if node == "" {
		node = newNodeID()
	}
	if m.version < schemaVersion || node != m.node || missing > 0 {
		if err := s.db.Update(func(tx *bolt.Tx) error {
			if err := migrate(ctx, tx, s.vault, s.now()); err != nil {
				return err
			}
			return tx.Bucket(bucketMeta).Put(metaNode, []byte(node))
		}); err != nil {
			return err
		}
	}
	s.node = node
	s.clock = hlc.New(node, s.now)
	if m.clock != "" {
		last, err := hlc.Parse(m.clock)
		if err != nil {
			return fmt.Errorf("meta %s: %w", metaClock, err)
		}
		s.clock.Observe(last)
	}
	return nil
}

// readMeta reads the schema version, node and last clock stamp; a file
// without a meta bucket is version 0.
func readMeta(tx *bolt.Tx) (storedMeta, error) {
	var m storedMeta
	b := tx.Bucket(bucketMeta)
	if b == nil {
		return m, nil
	}
	if v := b.Get(metaVersion); v != nil {
		n, err := strconv.Atoi(string(v))
		if err != nil || n < 0 {
			return m, fmt.Errorf("meta %s = %q: not a version number", metaVersion, v)
		}
		m.version = n
	}
	m.node = string(b.Get(metaNode))
	m.clock = string(b.Get(metaClock))
	return m, nil
}

// newNodeID returns 8 random bytes in hex: short in stamps, and unique
// enough that two installations do not collide.
func newNodeID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}
