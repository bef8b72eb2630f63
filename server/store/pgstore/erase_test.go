package pgstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// TestEraseLeavesNoValueInAnyTable reads every table of the schema as
// text (bytea columns as hex) after an erase and finds none of the
// person's values.
func TestEraseLeavesNoValueInAnyTable(t *testing.T) {
	dsn := testDSN(t)
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "test_" + hex.EncodeToString(b)
	s, err := Open(ctx, dsn, Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Close()
		conn.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE")
		conn.Close(ctx)
	})
	staff := store.Principal{Name: "a", Zone: "z", Role: store.RoleStaff}
	manager := store.Principal{Name: "m", Zone: "z", Role: store.RoleManager}
	now := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	put := func(mid, id, stamp string, kv ...string) protocol.Change {
		ch := protocol.Change{MutationID: mid, Kind: "contact", RecordID: id, Op: protocol.OpPut,
			Fields: map[string]json.RawMessage{}, Versions: map[string]string{}}
		if id == "e1" {
			ch.Kind = "enterprise"
		}
		for i := 0; i+1 < len(kv); i += 2 {
			ch.Fields[kv[i]] = json.RawMessage(kv[i+1])
			ch.Versions[kv[i]] = stamp
		}
		return ch
	}
	batches := []struct {
		p   store.Principal
		req protocol.PushRequest
	}{
		{staff, protocol.PushRequest{ClientID: "a", Changes: []protocol.Change{
			put("m1", "e1", "1764144000000.00000.a", "name", `"山海玩具"`),
			put("m2", "c1", "1764144000000.00001.a", "enterprise_id", `"e1"`, "name", `"王晓岚"`, "mobile", `"+8613912345678"`)}}},
		{staff, protocol.PushRequest{ClientID: "b", Changes: []protocol.Change{
			put("m3", "c1", "1764144000001.00000.b", "mobile", `"+8613987654321"`)}}},
		{manager, protocol.PushRequest{ClientID: "m", Changes: []protocol.Change{{MutationID: "m4", Kind: "contact",
			RecordID: "c1", Op: protocol.OpErase, Versions: map[string]string{protocol.ErasedKey: "1764144000002.00000.m"}}}}},
	}
	for i, bt := range batches {
		resp, err := s.Push(ctx, bt.p, bt.req, now)
		if err != nil || resp.Results[0].Status == protocol.StatusRejected {
			t.Fatalf("batch %d: %+v %v", i, resp, err)
		}
	}
	rows, err := conn.Query(ctx, "SELECT table_name FROM information_schema.tables WHERE table_schema = $1", schema)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil || len(tables) < 5 {
		t.Fatalf("tables %v %v", tables, err)
	}
	for _, v := range []string{"王晓岚", "+8613912345678", "+8613987654321"} {
		for _, table := range tables {
			q := fmt.Sprintf("SELECT count(*) FROM %s.%s t WHERE position($1 IN t::text) > 0 OR position($2 IN t::text) > 0",
				pgx.Identifier{schema}.Sanitize(), pgx.Identifier{table}.Sanitize())
			var n int
			if err := conn.QueryRow(ctx, q, v, hex.EncodeToString([]byte(v))).Scan(&n); err != nil {
				t.Fatalf("%s: %v", table, err)
			}
			if n > 0 {
				t.Errorf("table %s still holds %q in %d rows", table, v, n)
			}
		}
	}
	var erased int
	if err := conn.QueryRow(ctx, fmt.Sprintf("SELECT count(*) FROM %s.records WHERE id = 'c1' AND tomb", pgx.Identifier{schema}.Sanitize())).Scan(&erased); err != nil || erased != 1 {
		t.Fatalf("tombstone rows = %d, %v", erased, err)
	}
}
