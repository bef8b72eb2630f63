package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/server/store/boltstore"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

func TestPurgeLoopPurgesAtStart(t *testing.T) {
	ctx := context.Background()
	st, err := boltstore.Open(ctx, filepath.Join(t.TempDir(), "server.db"), store.Hooks{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := store.Principal{Name: "alice", Zone: "zone-a", Role: store.RoleManager} // deletes need a manager
	clock := hlc.New("laptop", nil)
	put := protocol.Change{ClientSeq: 1, MutationID: "m1", Kind: "enterprise", RecordID: "e1", Op: protocol.OpPut,
		Fields: map[string]json.RawMessage{"name": json.RawMessage(`"甲"`)}, Versions: map[string]string{"name": clock.Now().String()}}
	del := protocol.Change{ClientSeq: 2, MutationID: "m2", Kind: "enterprise", RecordID: "e1", Op: protocol.OpDelete,
		Versions: map[string]string{protocol.DeletedKey: clock.Now().String()}}
	first, err := st.Push(ctx, p, protocol.PushRequest{ClientID: "laptop", Changes: []protocol.Change{put}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Push(ctx, p, protocol.PushRequest{ClientID: "laptop", Changes: []protocol.Change{del}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		retention time.Duration
		wantReset bool
	}{
		{"tombstone younger than the retention", time.Hour, false},
		{"tombstone older than the retention", time.Nanosecond, true},
	}
	for _, tt := range tests {
		time.Sleep(2 * time.Millisecond) // the delete stamp is now in the past
		lctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			purgeLoop(lctx, st, tt.retention, time.Hour, slog.New(slog.NewTextHandler(io.Discard, nil)))
		}()
		var reset bool
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline) && !reset; time.Sleep(10 * time.Millisecond) {
			h, err := st.Horizon(ctx)
			reset = err == nil && store.Behind(first.Cursor, h)
			if !tt.wantReset {
				time.Sleep(100 * time.Millisecond) // give a wrong purge the chance to happen
				h, err = st.Horizon(ctx)
				reset = err == nil && store.Behind(first.Cursor, h)
				break
			}
		}
		cancel()
		<-done
		if reset != tt.wantReset {
			t.Fatalf("%s: reset required = %v, want %v", tt.name, reset, tt.wantReset)
		}
	}
}
