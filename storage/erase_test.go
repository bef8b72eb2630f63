package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sync/protocol"
	bolt "go.etcd.io/bbolt"
)

const (
	erasedName   = "王晓岚"
	erasedMobile = "+8613912345678"
	erasedWeChat = "wxlan_erase_me"
)

// traced reports which of the erased person's values s still shows
// through its API.
func traced(t *testing.T, s *Store, id string) []string {
	t.Helper()
	ctx := context.Background()
	var found []string
	if _, err := s.Get(ctx, id); !errors.Is(err, ErrNotFound) {
		found = append(found, "Get: "+errString(err))
	}
	recs, err := s.List(ctx, record.KindContact, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.Header().ID == id {
			found = append(found, "List")
		}
	}
	if hits, _ := s.Search(ctx, erasedName, 10); len(hits) > 0 {
		found = append(found, "Search")
	}
	var views []any
	out, _ := s.Outbox(ctx, 0)
	for _, c := range out {
		if c.RecordID == id && c.Op != OpErase {
			found = append(found, "Outbox "+string(c.Op))
		}
		views = append(views, c)
	}
	cs, _ := s.Conflicts(ctx)
	for _, c := range cs {
		views = append(views, c)
		if c.RecordID == id {
			found = append(found, "Conflicts")
		}
	}
	rej, _ := s.RejectedChanges(ctx)
	for _, r := range rej {
		views = append(views, r)
		if r.Change.RecordID == id {
			found = append(found, "Rejected")
		}
	}
	all, _ := json.Marshal(views)
	for _, v := range []string{erasedName, erasedMobile, erasedWeChat} {
		if bytes.Contains(all, []byte(v)) {
			found = append(found, "value "+v)
		}
	}
	return found
}

func errString(err error) string {
	if err == nil {
		return "found"
	}
	return err.Error()
}

// erasable stores an enterprise and a contact with an unsent edit, a
// pulled conflict and a set-aside rejected change, all holding the
// person's values.
func erasable(t *testing.T, s *Store) (entID, id string) {
	t.Helper()
	ctx := context.Background()
	entID = mustCreate(t, s, newEnt("山海玩具有限公司"))
	c := newContact(entID, erasedName, erasedMobile)
	c.WeChat = erasedWeChat
	id = mustCreate(t, s, c)
	if _, err := s.Patch(ctx, record.KindContact, id, map[string]json.RawMessage{"title": json.RawMessage(`"总经理 ` + erasedName + `"`)}); err != nil {
		t.Fatal(err)
	}
	out, _ := s.Outbox(ctx, 0)
	if err := s.AckPush(ctx, []Acked{{Seq: out[0].Seq}, {Seq: out[1].Seq, Rejected: true, Code: "x", En: "refused"}}); err != nil {
		t.Fatal(err)
	}
	pulled := protocol.Record{Kind: "contact", ID: id, Seq: 3,
		Fields:   map[string]json.RawMessage{"enterprise_id": json.RawMessage(`"` + entID + `"`), "name": json.RawMessage(`"` + erasedName + `"`), "mobile": json.RawMessage(`"` + erasedMobile + `"`)},
		Versions: map[string]string{"enterprise_id": stampOld, "name": stampOld, "mobile": stampOld},
		Conflicts: []protocol.Conflict{{ID: id + "/wechat/" + stampOld, Kind: "contact", RecordID: id, Field: "wechat",
			Value: json.RawMessage(`"` + erasedWeChat + `_old"`), Version: stampOld, Reason: protocol.ReasonConcurrent}}}
	if err := s.ApplyRemote(ctx, []protocol.Record{pulled}, 3); err != nil {
		t.Fatal(err)
	}
	if len(traced(t, s, id)) == 0 {
		t.Fatal("setup: the contact's values should be visible before the erase")
	}
	return entID, id
}

func TestEraseContactRemovesEveryValue(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	entID, id := erasable(t, s)
	if err := s.Erase(ctx, id); err != nil {
		t.Fatalf("Erase: %v", err)
	}
	if found := traced(t, s, id); len(found) > 0 {
		t.Fatalf("after Erase the contact still shows in: %v", found)
	}
	if got := outboxOps(t, s); !slices.Equal(got, []string{"erase contact"}) {
		t.Fatalf("outbox = %v, want only the erase (the unsent title edit is replaced)", got)
	}
	if ok, _ := s.Erased(ctx, id); !ok {
		t.Fatal("Erased = false")
	}
	if _, err := s.Get(ctx, entID); err != nil {
		t.Fatalf("the enterprise must stay: %v", err)
	}
	mustHealthy(t, s)

	// A later pull of the old state or a local edit must not bring it back.
	back := protocol.Record{Kind: "contact", ID: id, Seq: 9,
		Fields:   map[string]json.RawMessage{"enterprise_id": json.RawMessage(`"` + entID + `"`), "name": json.RawMessage(`"` + erasedName + `"`)},
		Versions: map[string]string{"enterprise_id": stampNew, "name": stampNew}}
	if err := s.ApplyRemote(ctx, []protocol.Record{back}, 9); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Patch(ctx, record.KindContact, id, map[string]json.RawMessage{"name": json.RawMessage(`"x"`)}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Patch of an erased contact: %v, want ErrNotFound", err)
	}
	if found := traced(t, s, id); len(found) > 0 {
		t.Fatalf("resurrected by a later update: %v", found)
	}
}

func TestEraseLeavesNoValueInTheCompactedFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	s := openAt(t, path, Options{Author: "tester", Now: newTestClock().Now})
	_, id := erasable(t, s)
	if err := s.Erase(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// bbolt reuses freed pages but does not zero them: a compacted copy
	// holds exactly the live data.
	src, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dstPath := path + ".compact"
	dst, err := bolt.Open(dstPath, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bolt.Compact(dst, src, 0); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(dstPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{erasedName, erasedMobile, erasedWeChat, strings.TrimPrefix(erasedMobile, "+86")} {
		if bytes.Contains(raw, []byte(v)) {
			t.Errorf("compacted file still holds %q", v)
		}
	}
	if !bytes.Contains(raw, []byte(id)) {
		t.Error("the tombstone (the ID without values) should remain")
	}
}

func TestEraseEnterpriseErasesItsContactsOnly(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	entID := mustCreate(t, s, newEnt("景宁教具有限公司"))
	a := mustCreate(t, s, newContact(entID, "甲某", "+8613900000001"))
	b := mustCreate(t, s, newContact(entID, "乙某", "+8613900000002"))
	visit := mustCreate(t, s, &record.Visit{EnterpriseID: entID, Date: "2026-11-01"})
	if err := s.Erase(ctx, entID); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{a, b} {
		if _, err := s.Get(ctx, id); !errors.Is(err, ErrNotFound) {
			t.Errorf("contact %s survives: %v", id, err)
		}
	}
	for _, id := range []string{entID, visit} {
		if _, err := s.Get(ctx, id); err != nil {
			t.Errorf("record %s must stay: %v", id, err)
		}
	}
	if got := outboxOps(t, s); !slices.Equal(got, []string{"put enterprise", "put visit", "erase contact", "erase contact"}) {
		t.Fatalf("outbox = %v", got)
	}
	mustHealthy(t, s)
}

func TestApplyRemoteErase(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	_, id := erasable(t, s)
	page := []protocol.Record{{Kind: "contact", ID: id, Seq: 10, Deleted: stampNew, Erased: stampNew}}
	for range 2 { // a repeated page changes nothing
		if err := s.ApplyRemote(ctx, page, 10); err != nil {
			t.Fatal(err)
		}
	}
	if found := traced(t, s, id); len(found) > 0 {
		t.Fatalf("after a pulled erase the contact still shows in: %v", found)
	}
	if n, _ := s.Pending(ctx); n != 0 {
		t.Fatalf("a pulled erase queued %d changes", n)
	}
	mustHealthy(t, s)
}

// BenchmarkErase erases one contact from a store whose outbox holds n
// unsent creates (a fresh import): Erase scans the outbox for the
// record's entries, so its cost grows with what is unsent. Compare with
// BenchmarkDeleteBeside, a delete in the same store.
func BenchmarkErase(b *testing.B) {
	for _, n := range []int{1000, 20000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchRemove(b, n, (*Store).Erase) })
	}
}

// BenchmarkDeleteBeside is the ordinary delete in the same setting.
func BenchmarkDeleteBeside(b *testing.B) {
	for _, n := range []int{1000, 20000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchRemove(b, n, (*Store).Delete) })
	}
}

func benchRemove(b *testing.B, n int, remove func(*Store, context.Context, string) error) {
	ctx := context.Background()
	s := openTest(b)
	ent := mustCreate(b, s, newEnt("山海玩具有限公司"))
	recs := make([]record.Record, n)
	for i := range recs {
		recs[i] = newContact(ent, fmt.Sprintf("联系人%d", i), "")
	}
	if err := s.BulkCreate(ctx, recs); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		id := mustCreate(b, s, newContact(ent, "王晓岚", erasedMobile))
		b.StartTimer()
		if err := remove(s, ctx, id); err != nil {
			b.Fatal(err)
		}
	}
}

func TestChangeRecordID(t *testing.T) {
	fast, err := encodeChange(Change{Seq: 3, MutationID: "m", Kind: record.KindContact, RecordID: "01JDREC",
		Op: OpPut, Fields: map[string]json.RawMessage{"notes": json.RawMessage(`{"record_id":"other"}`)}})
	if err != nil {
		t.Fatal(err)
	}
	std, _ := json.Marshal(Change{RecordID: "01JDREC", Fields: map[string]json.RawMessage{"notes": json.RawMessage(`"\"record_id\":\"x\""`)}})
	escaped, _ := json.Marshal(Change{RecordID: `a"b\c`})
	tests := []struct {
		name    string
		entry   []byte
		want    string
		wantErr bool
	}{
		{"own encoder, nested record_id in a field", fast, "01JDREC", false},
		{"encoding/json, quoted record_id in a value", std, "01JDREC", false},
		{"escaped ID decoded in full", escaped, `a"b\c`, false},
		{"unreadable entry is an error, not a miss", []byte("\x00sealed\xff"), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := changeRecordID(tt.entry)
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Fatalf("changeRecordID = %q, %v; want %q, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}
