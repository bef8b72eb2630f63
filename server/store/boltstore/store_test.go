package boltstore

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/server/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T, h store.Hooks) store.Store {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "server.db"), h)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
