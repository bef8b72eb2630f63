package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

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
	if errors.Is(err, bolt.ErrTimeout) {
		err = fmt.Errorf("%w: 数据目录正被运行中的服务器使用，请先停止服务器（审计日志可经 GET /v1/audit 导出） the store is in use by a running server: stop it first (the audit log exports over GET /v1/audit)", err)
	}
	return s, "bbolt", err
}
