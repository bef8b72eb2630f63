package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/server/store/boltstore"
	"github.com/shanhaifield/shanhai/server/store/pgstore"
)

// storeFlags choose the backend; both the server and `user add` use them.
type storeFlags struct {
	data     string
	postgres string
}

func (f *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.data, "data", "shanhai-data", "directory of the embedded bbolt store (数据目录)")
	fs.StringVar(&f.postgres, "postgres", "", "PostgreSQL URL; when set, the bbolt store is not used")
}

func (f *storeFlags) open(ctx context.Context) (store.Store, string, error) {
	if f.postgres != "" {
		s, err := pgstore.Open(ctx, f.postgres, pgstore.Options{})
		return s, "postgres", err
	}
	if err := os.MkdirAll(f.data, 0o700); err != nil {
		return nil, "", fmt.Errorf("data directory %s: %w", f.data, err)
	}
	s, err := boltstore.Open(ctx, filepath.Join(f.data, "server.db"), store.Hooks{})
	return s, "bbolt", err
}
