package client

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"sort"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/storage"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// laptop is one client installation: a real bbolt store and a Client.
type laptop struct {
	name  string
	store *storage.Store
	sync  *Client
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func newLaptop(t *testing.T, name, server, user string, hc *http.Client) *laptop {
	t.Helper()
	ctx := context.Background()
	st, err := storage.Open(ctx, filepath.Join(t.TempDir(), name+".db"), storage.Options{Author: user})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	l := &laptop{name: name, store: st, sync: New(st, Options{HTTP: hc, Log: quiet, Batch: 7, Page: 5})}
	if _, err := l.sync.Login(ctx, server, user, "pw-"+user); err != nil {
		t.Fatalf("login %s: %v", user, err)
	}
	return l
}

// state is a replica's data in comparable form: record ID → field →
// value (JSON), without empty fields, plus the open conflict IDs.
type state struct {
	records   map[string]map[string]string
	conflicts []string
}

// localState reads every record and conflict of a laptop.
func localState(t *testing.T, st *storage.Store) state {
	t.Helper()
	ctx := context.Background()
	s := state{records: map[string]map[string]string{}}
	for _, k := range record.Kinds {
		recs, err := st.List(ctx, k, storage.ListOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			data, _ := json.Marshal(r)
			var m map[string]json.RawMessage
			_ = json.Unmarshal(data, &m)
			s.records[r.Header().ID] = userFields(m)
		}
	}
	cs, err := st.Conflicts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if _, live := s.records[c.RecordID]; live {
			s.conflicts = append(s.conflicts, c.ID)
		}
	}
	sort.Strings(s.conflicts)
	return s
}

// userFields drops meta fields and empty values.
func userFields(m map[string]json.RawMessage) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		switch k {
		case "id", "created_at", "updated_at", "author", "versions":
			continue
		}
		switch string(v) {
		case "", "null", `""`, "[]", "{}", "false":
			continue
		}
		out[k] = string(v)
	}
	return out
}

// serverState reads everything an admin sees, from the beginning,
// straight from the server's store (no HTTP, so no test faults).
func serverState(t *testing.T, srv *testServer) state {
	t.Helper()
	srv.mu.Lock()
	defer srv.mu.Unlock()
	admin := store.Principal{Name: "root", Zone: "zone-a", Role: store.RoleAdmin}
	s := state{records: map[string]map[string]string{}}
	after := uint64(0)
	for {
		page, err := srv.st.Pull(context.Background(), admin, after, protocol.MaxPage)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := page.Decode()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			if r.Deleted != "" || r.Removed {
				continue
			}
			if _, dup := s.records[r.ID]; dup {
				t.Errorf("server pull returned %s twice", r.ID)
			}
			s.records[r.ID] = userFields(r.Fields)
			for _, c := range r.Conflicts {
				s.conflicts = append(s.conflicts, c.ID)
			}
		}
		after = page.NextCursor
		if !page.HasMore {
			break
		}
	}
	sort.Strings(s.conflicts)
	return s
}

// diffStates describes the first differences between two replicas.
func diffStates(a, b state) string {
	var out string
	for id, fa := range a.records {
		fb, ok := b.records[id]
		if !ok {
			out += fmt.Sprintf("record %s missing on the right; ", id)
			continue
		}
		for k, v := range fa {
			if fb[k] != v {
				out += fmt.Sprintf("%s.%s: %s vs %s; ", id, k, v, fb[k])
			}
		}
		for k, v := range fb {
			if _, ok := fa[k]; !ok {
				out += fmt.Sprintf("%s.%s: missing vs %s; ", id, k, v)
			}
		}
	}
	for id := range b.records {
		if _, ok := a.records[id]; !ok {
			out += fmt.Sprintf("record %s missing on the left; ", id)
		}
	}
	if fmt.Sprint(a.conflicts) != fmt.Sprint(b.conflicts) {
		out += fmt.Sprintf("conflicts %v vs %v", a.conflicts, b.conflicts)
	}
	return out
}
