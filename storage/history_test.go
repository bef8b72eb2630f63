package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sync/protocol"
	bolt "go.etcd.io/bbolt"
)

// opsOf is the op, author and fields of each entry, for comparing.
func opsOf(entries []HistoryEntry) []string {
	var out []string
	for _, e := range entries {
		s := string(e.Op) + " " + e.Author
		for _, f := range e.Fields {
			s += " " + f
		}
		out = append(out, s)
	}
	return out
}

func mustHistory(t *testing.T, s *Store, id string) []HistoryEntry {
	t.Helper()
	h, err := s.History(context.Background(), id)
	if err != nil {
		t.Fatalf("History %s: %v", id, err)
	}
	return h
}

func TestHistoryLocalChanges(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	ent := newEnt("示例科技有限公司")
	ent.Stage = record.StageLead
	id := mustCreate(t, s, ent)
	cid := mustCreate(t, s, newContact(id, "王示例", "13800138000"))
	ent.Stage, ent.Notes = record.StageVisited, "看过厂房"
	if err := s.Update(ctx, ent); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(ctx, ent); err != nil { // no change: no entry
		t.Fatal(err)
	}
	if _, err := s.Patch(ctx, record.KindContact, cid, map[string]json.RawMessage{"mobile": json.RawMessage(`"13900139000"`)}); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	want := []string{"create tester name stage", "update tester notes stage", "delete tester"}
	if got := opsOf(mustHistory(t, s, id)); !slices.Equal(got, want) {
		t.Errorf("enterprise history %v, want %v", got, want)
	}
	want = []string{"create tester enterprise_id mobile name", "update tester mobile", "delete tester"}
	h := mustHistory(t, s, cid)
	if got := opsOf(h); !slices.Equal(got, want) {
		t.Errorf("contact history %v, want %v", got, want)
	}
	if h[0].Node == "" || h[0].Kind != record.KindContact || h[0].Inferred || !h[1].At.After(h[0].At) {
		t.Errorf("contact entries %+v: want node, kind contact, written at the time, in order", h)
	}
	// Field names only: no value of the contact reaches the history.
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketHistory).ForEach(func(k, v []byte) error {
			for _, value := range []string{"13800138000", "13900139000", "王示例", "看过厂房", "示例科技"} {
				if bytes.Contains(v, []byte(value)) {
					t.Errorf("history entry %q holds the value %q", v, value)
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestHistoryBulkCreateInferred(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a, b := newEnt("甲示例有限公司"), newEnt("乙示例有限公司")
	if err := s.BulkCreate(ctx, []record.Record{a, b}); err != nil {
		t.Fatal(err)
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		if h := tx.Bucket(bucketHistory); h != nil && h.Stats().KeyN != 0 {
			t.Errorf("a bulk create wrote %d history entries, want none", h.Stats().KeyN)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h := mustHistory(t, s, a.ID)
	if len(h) != 1 || h[0].Op != HistoryCreate || !h[0].Inferred || h[0].Author != "tester" || !h[0].At.Equal(a.CreatedAt) {
		t.Fatalf("bulk-created history %+v, want one inferred create by tester at %v", h, a.CreatedAt)
	}
	a.Notes = "补充"
	if err := s.Update(ctx, a); err != nil {
		t.Fatal(err)
	}
	if got, want := opsOf(mustHistory(t, s, a.ID)), []string{"create tester", "update tester notes"}; !slices.Equal(got, want) {
		t.Errorf("after an update %v, want %v", got, want)
	}
	if _, err := s.History(ctx, "01JD0000000000000000000099"); !errors.Is(err, ErrNotFound) {
		t.Errorf("History of an unknown ID: %v, want ErrNotFound", err)
	}
}

func TestHistoryRemote(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	id := mustCreate(t, s, newEnt("本地企业"))
	page := remote(id, 6, "name", `"本地企业"`, stampOld, "notes", `"改过"`, stampNew)
	page.Author = "李四"
	for range 2 { // a page applied twice adds one entry
		if err := s.ApplyRemote(ctx, []protocol.Record{page}, 6); err != nil {
			t.Fatal(err)
		}
	}
	h := mustHistory(t, s, id)
	if got, want := opsOf(h), []string{"create tester name stage", "merge 李四 notes"}; !slices.Equal(got, want) {
		t.Fatalf("history %v, want %v", got, want)
	}
	if m := h[1]; m.Node != "remote" || !m.At.Equal(time.UnixMilli(1900000000000).UTC()) {
		t.Errorf("merge entry %+v: want node remote at the stamp's time", m)
	}
	gone := protocol.Record{Kind: "enterprise", ID: id, Seq: 7, Deleted: "1900000000001.00000.remote", Author: "李四"}
	if err := s.ApplyRemote(ctx, []protocol.Record{gone}, 7); err != nil {
		t.Fatal(err)
	}
	back := remote(id, 8, "name", `"本地企业"`, stampOld, "notes", `"改过"`, "1900000000002.00000.remote")
	if err := s.ApplyRemote(ctx, []protocol.Record{back}, 8); err != nil {
		t.Fatal(err)
	}
	want := []string{"create tester name stage", "merge 李四 notes", "delete 李四", "restore  name notes"}
	if got := opsOf(mustHistory(t, s, id)); !slices.Equal(got, want) {
		t.Errorf("history %v, want %v", got, want)
	}
	// A record new to this store writes nothing; its creation is inferred.
	fresh := remote("01JD0000000000000000000001", 9, "name", `"远方科技有限公司"`, stampOld)
	if err := s.ApplyRemote(ctx, []protocol.Record{fresh}, 9); err != nil {
		t.Fatal(err)
	}
	if h := mustHistory(t, s, fresh.ID); len(h) != 1 || !h[0].Inferred || h[0].Op != HistoryCreate {
		t.Errorf("pulled record history %+v, want one inferred create", h)
	}
}

func TestDeleteHistory(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := mustCreate(t, s, newEnt("甲示例有限公司"))
	b := mustCreate(t, s, newEnt("乙示例有限公司"))
	if err := s.Delete(ctx, a); err != nil {
		t.Fatal(err)
	}
	err := s.db.Update(func(tx *bolt.Tx) error { return deleteHistory(tx, a) })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.History(ctx, a); !errors.Is(err, ErrNotFound) {
		t.Errorf("History after deleteHistory: %v, want ErrNotFound", err)
	}
	if got := opsOf(mustHistory(t, s, b)); !slices.Equal(got, []string{"create tester name stage"}) {
		t.Errorf("the other record's history %v", got)
	}
}

// TestHistoryResolve: settling a conflict is a local edit of the field,
// and the history says so.
func TestHistoryResolve(t *testing.T) {
	ctx := context.Background()
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
	if err := s.Resolve(ctx, r.Conflicts[0].ID, KeepMine); err != nil {
		t.Fatal(err)
	}
	h := mustHistory(t, s, id)
	if got := opsOf(h); len(got) != 3 || got[2] != "update tester notes" {
		t.Errorf("history %v, want the resolution as an update of notes last", got)
	}
}
