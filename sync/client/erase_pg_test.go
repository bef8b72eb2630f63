package client

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/shanhaifield/shanhai/server/api"
	"github.com/shanhaifield/shanhai/server/auth"
	"github.com/shanhaifield/shanhai/server/store/pgstore"
)

// pgEraseServer serves the sync API over a PostgreSQL store in a fresh
// schema; leftovers reads every table of the schema as text (bytea as
// hex) looking for the erased person's values.
func pgEraseServer(t *testing.T, dsn string) eraseServer {
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "test_" + hex.EncodeToString(b)
	st, err := pgstore.Open(ctx, dsn, pgstore.Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	srv := &api.Server{Store: st, Auth: &auth.Service{Store: st, MaxAttempts: 1000}, Log: quiet}
	hs := httptest.NewServer(srv.Handler())
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		hs.Close()
		st.Close()
		conn.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE")
		conn.Close(ctx)
	})
	return eraseServer{url: hs.URL, st: st, leftovers: func(t *testing.T) []string {
		rows, err := conn.Query(ctx, "SELECT table_name FROM information_schema.tables WHERE table_schema = $1", schema)
		if err != nil {
			t.Fatal(err)
		}
		tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil || len(tables) == 0 {
			t.Fatalf("tables %v: %v", tables, err)
		}
		var found []string
		for _, v := range erasedPerson {
			for _, table := range tables {
				q := fmt.Sprintf("SELECT count(*) FROM %s.%s t WHERE position($1 IN t::text) > 0 OR position($2 IN t::text) > 0",
					pgx.Identifier{schema}.Sanitize(), pgx.Identifier{table}.Sanitize())
				var n int
				if err := conn.QueryRow(ctx, q, v, hex.EncodeToString([]byte(v))).Scan(&n); err != nil {
					t.Fatalf("%s: %v", table, err)
				}
				if n > 0 {
					found = append(found, table+": "+v)
				}
			}
		}
		return found
	}}
}
