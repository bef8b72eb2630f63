package storage

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// remote builds a pulled record of an enterprise.
func remote(id string, seq uint64, kv ...string) protocol.Record {
	r := protocol.Record{Kind: "enterprise", ID: id, Seq: seq, Fields: map[string]json.RawMessage{}, Versions: map[string]string{}}
	for i := 0; i+2 < len(kv); i += 3 {
		r.Fields[kv[i]] = json.RawMessage(kv[i+1])
		r.Versions[kv[i]] = kv[i+2]
	}
	return r
}

const (
	stampOld = "1700000000000.00000.remote"
	stampNew = "1900000000000.00000.remote" // far after the test clock
)

func TestApplyRemote(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		// setup returns the record ID the page is about.
		setup func(t *testing.T, s *Store) string
		page  func(id string) protocol.Record
		check func(t *testing.T, s *Store, id string)
	}{
		{"new record arrives without an outbox entry, indexed and searchable",
			func(t *testing.T, s *Store) string { return "01JD0000000000000000000001" },
			func(id string) protocol.Record {
				return remote(id, 5, "name", `"远方科技有限公司"`, stampOld, "stage", `"lead"`, stampOld)
			},
			func(t *testing.T, s *Store, id string) {
				rec, err := s.Get(ctx, id)
				if err != nil || rec.(*record.Enterprise).Name != "远方科技有限公司" || rec.Header().Versions["name"] != stampOld {
					t.Fatalf("Get = %+v, %v", rec, err)
				}
				if ops := outboxOps(t, s); len(ops) != 0 {
					t.Fatalf("outbox = %v, want empty", ops)
				}
				hits, err := s.Search(ctx, "远方", 5)
				if err != nil || len(hits) != 1 {
					t.Fatalf("Search = %v, %v", hits, err)
				}
			}},
		{"unsent local edit with a newer stamp keeps the local value, the server's is a conflict",
			func(t *testing.T, s *Store) string {
				id := mustCreate(t, s, newEnt("本地企业"))
				if _, err := s.Patch(ctx, record.KindEnterprise, id, map[string]json.RawMessage{"notes": json.RawMessage(`"mine"`)}); err != nil {
					t.Fatal(err)
				}
				return id
			},
			func(id string) protocol.Record {
				return remote(id, 6, "name", `"本地企业"`, stampOld, "stage", `"lead"`, stampOld, "notes", `"theirs"`, stampOld)
			},
			func(t *testing.T, s *Store, id string) {
				rec, _ := s.Get(ctx, id)
				if got := rec.(*record.Enterprise).Notes; got != "mine" {
					t.Fatalf("notes = %q, want the unsent local value", got)
				}
				cs, err := s.Conflicts(ctx)
				if err != nil || len(cs) != 1 || string(cs[0].Value) != `"theirs"` || string(cs[0].Current) != `"mine"` {
					t.Fatalf("Conflicts = %+v, %v", cs, err)
				}
			}},
		{"unsent local edit with an older stamp takes the server's value, keeps mine as a conflict",
			func(t *testing.T, s *Store) string {
				id := mustCreate(t, s, newEnt("本地企业"))
				if _, err := s.Patch(ctx, record.KindEnterprise, id, map[string]json.RawMessage{"notes": json.RawMessage(`"mine"`)}); err != nil {
					t.Fatal(err)
				}
				return id
			},
			func(id string) protocol.Record {
				return remote(id, 6, "name", `"本地企业"`, stampOld, "stage", `"lead"`, stampOld, "notes", `"theirs"`, stampNew)
			},
			func(t *testing.T, s *Store, id string) {
				rec, _ := s.Get(ctx, id)
				if got := rec.(*record.Enterprise).Notes; got != "theirs" {
					t.Fatalf("notes = %q, want the newer server value", got)
				}
				cs, _ := s.Conflicts(ctx)
				if len(cs) != 1 || string(cs[0].Value) != `"mine"` {
					t.Fatalf("Conflicts = %+v", cs)
				}
				if n, _ := s.Pending(ctx); n != 2 {
					t.Fatalf("pending = %d, the unsent edit must stay in the outbox", n)
				}
			}},
		{"deleted on the server: removed here with a tombstone, no outbox entry, conflicts kept",
			func(t *testing.T, s *Store) string {
				id := mustCreate(t, s, newEnt("将被删除"))
				acked, _ := s.Outbox(ctx, 0)
				if err := s.Ack(ctx, acked[0].Seq); err != nil {
					t.Fatal(err)
				}
				return id
			},
			func(id string) protocol.Record {
				r := remote(id, 7, "notes", `"late edit"`, stampNew)
				r.Deleted = stampOld
				r.Conflicts = []protocol.Conflict{{ID: id + "/notes/" + stampNew + "/restore", Kind: "enterprise", RecordID: id,
					Field: "notes", Value: json.RawMessage(`"late edit"`), Version: stampNew, Reason: protocol.ReasonAfterDelete}}
				return r
			},
			func(t *testing.T, s *Store, id string) {
				if _, err := s.Get(ctx, id); !errors.Is(err, ErrNotFound) {
					t.Fatalf("Get after remote delete: %v", err)
				}
				if tb, ok, _ := s.Tombstone(ctx, id); !ok || tb.Stamp != stampOld {
					t.Fatalf("tombstone = %+v, %v", tb, ok)
				}
				if n, _ := s.Pending(ctx); n != 0 {
					t.Fatalf("pending = %d, want 0", n)
				}
				if n, _ := s.ConflictCount(ctx); n != 1 {
					t.Fatalf("restore offer not kept: %d conflicts", n)
				}
				mustHealthy(t, s)
			}},
		{"removed from the caller's scope: dropped here with its conflicts, no outbox entry",
			func(t *testing.T, s *Store) string {
				id := mustCreate(t, s, newEnt("转走的企业"))
				acked, _ := s.Outbox(ctx, 0)
				if err := s.Ack(ctx, acked[0].Seq); err != nil {
					t.Fatal(err)
				}
				first := remote(id, 1, "name", `"转走的企业"`, stampOld, "stage", `"lead"`, stampOld)
				first.Conflicts = []protocol.Conflict{{ID: id + "/notes/" + stampOld, Kind: "enterprise", RecordID: id,
					Field: "notes", Value: json.RawMessage(`"x"`), Version: stampOld, Reason: protocol.ReasonConcurrent}}
				if err := s.ApplyRemote(ctx, []protocol.Record{first}, 1); err != nil {
					t.Fatal(err)
				}
				return id
			},
			func(id string) protocol.Record {
				return protocol.Record{Kind: "enterprise", ID: id, Seq: 9, Removed: true}
			},
			func(t *testing.T, s *Store, id string) {
				if _, err := s.Get(ctx, id); !errors.Is(err, ErrNotFound) {
					t.Fatalf("Get after removal: %v", err)
				}
				if n, _ := s.ConflictCount(ctx); n != 0 {
					t.Fatalf("%d conflicts of a removed record left", n)
				}
				if n, _ := s.Pending(ctx); n != 0 {
					t.Fatalf("pending = %d, want 0", n)
				}
				if hits, _ := s.Search(ctx, "转走", 5); len(hits) != 0 {
					t.Fatalf("removed record still found: %v", hits)
				}
				mustHealthy(t, s)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t)
			id := tt.setup(t, s)
			if err := s.ApplyRemote(ctx, []protocol.Record{tt.page(id)}, 42); err != nil {
				t.Fatal(err)
			}
			st, err := s.SyncState(ctx)
			if err != nil || st.Cursor != 42 {
				t.Fatalf("cursor = %d, %v; want 42 stored with the page", st.Cursor, err)
			}
			tt.check(t, s, id)
			// Every stamp seen moves the clock: the next local edit is later.
			if next := s.clock.Now().String(); compareStamps(next, stampOld) <= 0 {
				t.Fatalf("clock %s did not move past pulled stamps", next)
			}
		})
	}
}

func TestUpdateCarriesBases(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	id := mustCreate(t, s, newEnt("基线企业"))
	rec, _ := s.Get(ctx, id)
	before := rec.Header().Versions["name"]
	if _, err := s.Patch(ctx, record.KindEnterprise, id, map[string]json.RawMessage{
		"name": json.RawMessage(`"改名企业"`), "notes": json.RawMessage(`"新备注"`)}); err != nil {
		t.Fatal(err)
	}
	out, _ := s.Outbox(ctx, 0)
	last := out[len(out)-1]
	if last.Bases["name"] != before {
		t.Fatalf("bases = %v, want name at %s", last.Bases, before)
	}
	if _, ok := last.Bases["notes"]; ok {
		t.Fatalf("a field never set has no base: %v", last.Bases)
	}
}

func TestAckPushSetsRejectedAside(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	mustCreate(t, s, newEnt("一号"))
	mustCreate(t, s, newEnt("二号"))
	mustCreate(t, s, newEnt("三号"))
	out, _ := s.Outbox(ctx, 0)
	err := s.AckPush(ctx, []Acked{{Seq: out[0].Seq}, {Seq: out[1].Seq, Rejected: true, Code: "forbidden_zone", Zh: "无权修改其他开发区的记录"}})
	if err != nil {
		t.Fatal(err)
	}
	left, _ := s.Outbox(ctx, 0)
	if len(left) != 1 || left[0].Seq != out[2].Seq {
		t.Fatalf("outbox = %+v, want only the unacknowledged entry", left)
	}
	rej, err := s.RejectedChanges(ctx)
	if err != nil || len(rej) != 1 || rej[0].Code != "forbidden_zone" || rej[0].Change.MutationID != out[1].MutationID {
		t.Fatalf("rejected = %+v, %v", rej, err)
	}
	// A retried answer acks nothing twice.
	if err := s.AckPush(ctx, []Acked{{Seq: out[1].Seq, Rejected: true}}); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.RejectedCount(ctx); n != 1 {
		t.Fatalf("rejected count = %d after a repeated ack", n)
	}
}

func TestSyncStateKeepsClientIDAndCursor(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	first, err := s.SyncState(ctx)
	if err != nil || first.ClientID == "" {
		t.Fatalf("SyncState = %+v, %v", first, err)
	}
	if err := s.ApplyRemote(ctx, nil, 9); err != nil {
		t.Fatal(err)
	}
	err = s.UpdateSyncState(ctx, func(st *SyncState) error {
		st.Server, st.Token, st.Cursor = "https://sync.example.cn", "t", 1000
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.SyncState(ctx)
	if got.ClientID != first.ClientID || got.Cursor != 9 || got.Token != "t" {
		t.Fatalf("SyncState = %+v: client id must stay, the cursor moves only with a page", got)
	}
	if err := s.ResetCursor(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.SyncState(ctx); got.Cursor != 0 {
		t.Fatalf("cursor after reset = %d", got.Cursor)
	}
}

func TestResolve(t *testing.T) {
	ctx := context.Background()
	for _, keep := range []string{KeepMine, KeepTheirs} {
		t.Run(keep, func(t *testing.T) {
			s := openTest(t)
			id := mustCreate(t, s, newEnt("冲突企业"))
			out, _ := s.Outbox(ctx, 0)
			_ = s.Ack(ctx, out[0].Seq)
			r := remote(id, 3, "name", `"冲突企业"`, stampOld, "stage", `"lead"`, stampOld, "notes", `"winner"`, stampOld)
			r.Conflicts = []protocol.Conflict{{ID: id + "/notes/1600000000000.00000.x", Kind: "enterprise", RecordID: id,
				Field: "notes", Value: json.RawMessage(`"loser"`), Version: "1600000000000.00000.x", Reason: protocol.ReasonConcurrent}}
			if err := s.ApplyRemote(ctx, []protocol.Record{r}, 3); err != nil {
				t.Fatal(err)
			}
			if err := s.Resolve(ctx, r.Conflicts[0].ID, keep); err != nil {
				t.Fatal(err)
			}
			want := map[string]string{KeepMine: "loser", KeepTheirs: "winner"}[keep]
			rec, _ := s.Get(ctx, id)
			if got := rec.(*record.Enterprise).Notes; got != want {
				t.Fatalf("notes = %q, want %q", got, want)
			}
			ob, _ := s.Outbox(ctx, 0)
			if len(ob) != 1 || ob[0].Bases["notes"] != stampOld || string(ob[0].Fields["notes"]) != `"`+want+`"` {
				t.Fatalf("outbox = %+v, want one edit of notes based on %s", ob, stampOld)
			}
			if n, _ := s.ConflictCount(ctx); n != 0 {
				t.Fatalf("%d conflicts left", n)
			}
			if err := s.Resolve(ctx, r.Conflicts[0].ID, keep); !errors.Is(err, ErrConflictNotFound) {
				t.Fatalf("second resolve: %v", err)
			}
		})
	}
}
