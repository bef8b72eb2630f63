package pgstore

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// TestPushPlansWithRealArguments: a push's statements must not run a
// generic plan cached while the records table was small, so the push
// transaction asks for custom plans; outside it the setting is back.
func TestPushPlansWithRealArguments(t *testing.T) {
	s := openTest(t, testDSN(t), store.Hooks{})
	ctx := context.Background()
	var before, inside string
	if err := s.pool.QueryRow(ctx, "SHOW plan_cache_mode").Scan(&before); err != nil {
		t.Fatal(err)
	}
	err := pgx.BeginFunc(ctx, s.pool, func(ptx pgx.Tx) error {
		if err := newTx(ptx).lockAndPrefetch(ctx, protocol.PushRequest{ClientID: "c"}); err != nil {
			return err
		}
		return ptx.QueryRow(ctx, "SHOW plan_cache_mode").Scan(&inside)
	})
	if err != nil {
		t.Fatal(err)
	}
	if inside != "force_custom_plan" {
		t.Fatalf("plan_cache_mode in a push = %q, want force_custom_plan", inside)
	}
	var after string
	if err := s.pool.QueryRow(ctx, "SHOW plan_cache_mode").Scan(&after); err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Fatalf("plan_cache_mode after a push = %q, was %q", after, before)
	}
}
