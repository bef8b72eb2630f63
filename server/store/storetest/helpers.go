package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// NewStore opens a fresh, empty store with the given hooks; it registers
// its own cleanup with t.
type NewStore func(t *testing.T, h store.Hooks) store.Store

var (
	staffA = store.Principal{Name: "alice", Zone: "zone-a", Role: store.RoleStaff}
	staffB = store.Principal{Name: "bob", Zone: "zone-b", Role: store.RoleStaff}
	admin  = store.Principal{Name: "root", Zone: "zone-a", Role: store.RoleAdmin}
	// Managers may delete in their zone and decide on referrals to it.
	managerA = store.Principal{Name: "mia", Zone: "zone-a", Role: store.RoleManager}
	managerB = store.Principal{Name: "ming", Zone: "zone-b", Role: store.RoleManager}
	now      = time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
)

// client makes changes the way a laptop does: numbered mutations stamped
// by its own hybrid logical clock.
type client struct {
	id    string
	clock *hlc.Clock
	n     int
}

func newClient(id string) *client {
	return &client{id: id, clock: hlc.New(id, func() time.Time { return now })}
}

func (c *client) next() (string, string) {
	c.n++
	return fmt.Sprintf("%s-m%04d", c.id, c.n), c.clock.Now().String()
}

// put makes a put of fields given as field, JSON value pairs.
func (c *client) put(kind, id string, kv ...string) protocol.Change {
	mid, stamp := c.next()
	ch := protocol.Change{ClientSeq: uint64(c.n), MutationID: mid, Kind: kind, RecordID: id, Op: protocol.OpPut,
		Fields: map[string]json.RawMessage{}, Versions: map[string]string{}}
	for i := 0; i+1 < len(kv); i += 2 {
		ch.Fields[kv[i]] = json.RawMessage(kv[i+1])
		ch.Versions[kv[i]] = stamp
	}
	return ch
}

func (c *client) del(kind, id string) protocol.Change {
	mid, stamp := c.next()
	return protocol.Change{ClientSeq: uint64(c.n), MutationID: mid, Kind: kind, RecordID: id, Op: protocol.OpDelete,
		Versions: map[string]string{protocol.DeletedKey: stamp}}
}

func (c *client) batch(changes ...protocol.Change) protocol.PushRequest {
	return protocol.PushRequest{ClientID: c.id, Changes: changes}
}

func push(t *testing.T, s store.Store, p store.Principal, req protocol.PushRequest) protocol.PushResponse {
	t.Helper()
	resp, err := s.Push(context.Background(), p, req, now)
	if err != nil {
		t.Fatalf("Push: %v", err)
	}
	if len(resp.Results) != len(req.Changes) {
		t.Fatalf("Push: %d results for %d changes", len(resp.Results), len(req.Changes))
	}
	return resp
}

// pullAll pages through everything p sees after cursor.
func pullAll(t *testing.T, s store.Store, p store.Principal, after uint64, limit int) ([]protocol.Record, uint64) {
	t.Helper()
	var out []protocol.Record
	for range 10000 {
		page, err := s.Pull(context.Background(), p, after, limit)
		if err != nil {
			t.Fatalf("Pull after %d: %v", after, err)
		}
		if len(page.Records) > limit {
			t.Fatalf("Pull returned %d records, limit %d", len(page.Records), limit)
		}
		recs, err := page.Decode()
		if err != nil {
			t.Fatalf("Pull after %d: %v", after, err)
		}
		out = append(out, recs...)
		if page.NextCursor < after {
			t.Fatalf("cursor went back from %d to %d", after, page.NextCursor)
		}
		after = page.NextCursor
		if !page.HasMore {
			return out, after
		}
	}
	t.Fatal("pull did not finish")
	return nil, 0
}

func byID(recs []protocol.Record) map[string]protocol.Record {
	m := map[string]protocol.Record{}
	for _, r := range recs {
		m[r.ID] = r
	}
	return m
}

func wantStatus(t *testing.T, res protocol.Result, want protocol.Status, code string) {
	t.Helper()
	if res.Status != want || res.Code != code {
		t.Fatalf("result %+v, want status %s code %q", res, want, code)
	}
}
