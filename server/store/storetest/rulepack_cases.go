package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/shanhaifield/shanhai/server/store"
)

func testRulePacks(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	ctx := context.Background()
	if _, err := s.LatestRulePack(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("LatestRulePack on an empty store: %v, want ErrNotFound", err)
	}
	steps := []struct {
		put  store.RulePack
		want string // latest version afterwards
	}{
		{store.RulePack{Version: "2026.1", Date: "2026-03-01", Data: []byte(`{"version":"2026.1"}`)}, "2026.1"},
		{store.RulePack{Version: "2026.3", Date: "2026-09-01", Data: []byte(`{"version":"2026.3"}`)}, "2026.3"},
		// Published later but dated earlier: not the latest.
		{store.RulePack{Version: "2026.2", Date: "2026-06-01", Data: []byte(`{"version":"2026.2"}`)}, "2026.3"},
		// Same date, higher version wins.
		{store.RulePack{Version: "2026.3b", Date: "2026-09-01", Data: []byte(`{"version":"2026.3b"}`)}, "2026.3b"},
	}
	for i, st := range steps {
		st.put.Published, st.put.By = now, admin.Name
		if err := s.PutRulePack(ctx, st.put); err != nil {
			t.Fatalf("step %d: PutRulePack: %v", i, err)
		}
		got, err := s.LatestRulePack(ctx)
		if err != nil {
			t.Fatalf("step %d: LatestRulePack: %v", i, err)
		}
		if got.Version != st.want || string(got.Data) != `{"version":"`+st.want+`"}` || got.By != admin.Name || !got.Published.Equal(now) {
			t.Fatalf("step %d: latest = %+v (data %s), want version %s", i, got, got.Data, st.want)
		}
	}
}
