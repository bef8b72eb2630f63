package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/shanhaifield/shanhai/server/store"
)

// purgeEvery is how often old tombstones are purged.
const purgeEvery = 24 * time.Hour

// purgeLoop purges tombstones older than retention at start and then
// every interval, until ctx ends. Several processes on one PostgreSQL
// may all run it: purges take the sequence lock and repeat harmlessly.
func purgeLoop(ctx context.Context, st store.Store, retention, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		before := time.Now().Add(-retention)
		n, err := st.Purge(ctx, before)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("tombstone purge failed", "err", err)
		case err == nil:
			log.Info("tombstones purged", "count", n, "before", before.UTC().Format(time.RFC3339))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
