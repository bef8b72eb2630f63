package pgstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/server/store/storetest"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// testDSN returns the PostgreSQL DSN for tests. CI must run these tests,
// so there a missing DSN is a failure, not a skip.
func testDSN(t *testing.T) string {
	dsn := os.Getenv("SHANHAI_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but SHANHAI_TEST_POSTGRES is not set: .ci/run must start PostgreSQL and export it")
		}
		t.Skip("SHANHAI_TEST_POSTGRES not set (e.g. postgres://shanhai:shanhai@127.0.0.1:5432/shanhai?sslmode=disable); skipping PostgreSQL tests")
	}
	return dsn
}

// openTest opens a store in a fresh schema that is dropped afterwards.
func openTest(t *testing.T, dsn string, h store.Hooks) *Store {
	b := make([]byte, 6)
	rand.Read(b)
	schemaName := "test_" + hex.EncodeToString(b)
	ctx := context.Background()
	s, err := Open(ctx, dsn, Options{Schema: schemaName, Hooks: h})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Close()
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Errorf("drop schema %s: %v", schemaName, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{schemaName}.Sanitize()+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schemaName, err)
		}
	})
	return s
}

func TestConformance(t *testing.T) {
	dsn := testDSN(t)
	storetest.Run(t, func(t *testing.T, h store.Hooks) store.Store { return openTest(t, dsn, h) })
}

// TestConformanceThroughCopy runs the suite with every new record of a
// push written by COPY: its pushes are smaller than copyMin.
func TestConformanceThroughCopy(t *testing.T) {
	dsn := testDSN(t)
	storetest.Run(t, func(t *testing.T, h store.Hooks) store.Store {
		s := openTest(t, dsn, h)
		s.copyMin = 1
		return s
	})
}

// TestOddZoneNames: zone lists travel as array literals; names with
// quotes, commas, braces and backslashes must survive.
func TestOddZoneNames(t *testing.T) {
	s := openTest(t, testDSN(t), store.Hooks{})
	ctx := context.Background()
	for _, zone := range []string{`a,"b"`, `c\d`, `{e}`, `区 f`, `NULL`} {
		p := store.Principal{Name: "u", Zone: zone, Role: store.RoleStaff}
		ch := protocol.Change{MutationID: "m-" + zone, Kind: "enterprise", RecordID: "r-" + zone, Op: protocol.OpPut,
			Fields:   map[string]json.RawMessage{"name": json.RawMessage(`"x"`)},
			Versions: map[string]string{"name": "0000000000001.00000.n"}}
		resp, err := s.Push(ctx, p, protocol.PushRequest{ClientID: "c", Changes: []protocol.Change{ch}}, time.Now())
		if err != nil || resp.Results[0].Status != protocol.StatusApplied {
			t.Fatalf("zone %q: push %+v %v", zone, resp, err)
		}
		page, err := s.Pull(ctx, p, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		recs, _ := page.Decode()
		if len(recs) != 1 || recs[0].ID != "r-"+zone || len(recs[0].Zones) != 1 || recs[0].Zones[0] != zone {
			t.Fatalf("zone %q: pulled %+v", zone, recs)
		}
	}
}
