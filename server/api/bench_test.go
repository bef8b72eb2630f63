package api

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/server/auth"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/server/store/boltstore"
	"github.com/shanhaifield/shanhai/server/store/pgstore"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// benchRecord builds the i-th synthetic enterprise, about 510 bytes of
// field JSON like ../shared/bench/pouchdb-peer's makeDoc (example data).
func benchRecord(clock *hlc.Clock, client string, i int) protocol.Change {
	stamp := clock.Now().String()
	f := map[string]any{
		"name": fmt.Sprintf("浙江山海示例%07d智能制造有限公司", i), "short_name": fmt.Sprintf("示例%d", i),
		"credit_code": fmt.Sprintf("91330000MA%08d", i%100000000), "industry_code": []string{"C24", "C39", "C35", "I65"}[i%4],
		"region_code": "3311" + fmt.Sprintf("%02d", i%27), "address": fmt.Sprintf("丽水市莲都区南明山街道%d号", i),
		"employees": i % 250, "revenue_wan": float64(i%9000) + 0.5, "stage": "visited", "zone_id": "zone-a",
		"tags": []string{"山海协作", "链主"}, "source": "上虞经开区转介", "notes": "已走访，选址需求已复核。",
	}
	if client != "bench" && client != "editor" {
		delete(f, "zone_id") // concurrent clients: the creator's zone
	}
	ch := protocol.Change{ClientSeq: uint64(i + 1), MutationID: fmt.Sprintf("%s-%08d", client, i), Kind: "enterprise",
		RecordID: fmt.Sprintf("ent%07d", i), Op: protocol.OpPut,
		Fields: map[string]json.RawMessage{}, Versions: map[string]string{}}
	for k, v := range f {
		b, _ := json.Marshal(v)
		ch.Fields[k] = b
		ch.Versions[k] = stamp
	}
	return ch
}

type benchEnv struct {
	url, token string
	client     *http.Client
	wire       *countingTransport
}

// countingTransport counts response body bytes as received (still
// compressed: the client asks for gzip itself).
type countingTransport struct{ n int64 }

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err == nil {
		resp.Body = &countingBody{ReadCloser: resp.Body, n: &c.n}
	}
	return resp, err
}

type countingBody struct {
	io.ReadCloser
	n *int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	*b.n += int64(n)
	return n, err
}

func openBenchStore(b *testing.B, backend string) store.Store {
	ctx := context.Background()
	switch backend {
	case "bolt":
		s, err := boltstore.Open(ctx, filepath.Join(b.TempDir(), "server.db"), store.Hooks{})
		if err != nil {
			b.Fatal(err)
		}
		return s
	default:
		dsn := os.Getenv("SHANHAI_TEST_POSTGRES")
		if dsn == "" {
			b.Skip("SHANHAI_TEST_POSTGRES not set")
		}
		x := make([]byte, 6)
		rand.Read(x)
		schema := "bench_" + hex.EncodeToString(x)
		s, err := pgstore.Open(ctx, dsn, pgstore.Options{Schema: schema})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() {
			if conn, err := pgx.Connect(ctx, dsn); err == nil {
				conn.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE")
				conn.Close(ctx)
			}
		})
		return s
	}
}

func newBenchEnv(b *testing.B, backend string) *benchEnv {
	st := openBenchStore(b, backend)
	h, _ := auth.HashPassword("pw", cheap)
	st.PutUser(context.Background(), store.User{Name: "alice", Zone: "zone-a", Role: store.RoleStaff, Hash: h})
	for z := range 5 {
		st.PutUser(context.Background(), store.User{Name: fmt.Sprintf("staff%d", z), Zone: fmt.Sprintf("zone-%d", z), Role: store.RoleStaff, Hash: h})
	}
	srv := &Server{Store: st, Auth: &auth.Service{Store: st}, Log: slog.New(slog.NewJSONHandler(io.Discard, nil))}
	hs := httptest.NewServer(srv.Handler())
	b.Cleanup(func() { hs.Close(); st.Close() })
	env := &benchEnv{url: hs.URL, wire: &countingTransport{}}
	env.client = &http.Client{Transport: env.wire}
	var lr protocol.LoginResponse
	env.do(b, "POST", "/v1/login", protocol.LoginRequest{Name: "alice", Password: "pw"}, &lr)
	env.token = lr.Token
	return env
}

// as returns a copy of env that sends name's token.
func (e *benchEnv) as(b *testing.B, name string) *benchEnv {
	c := *e
	c.token = ""
	var lr protocol.LoginResponse
	c.do(b, "POST", "/v1/login", protocol.LoginRequest{Name: name, Password: "pw"}, &lr)
	c.token = lr.Token
	return &c
}

// do sends a gzip JSON body and decodes a gzip JSON answer, as a client
// on a field connection would.
func (e *benchEnv) do(b *testing.B, method, path string, body, out any) {
	var rd io.Reader
	if body != nil {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		json.NewEncoder(zw).Encode(body)
		zw.Close()
		rd = &buf
	}
	req, _ := http.NewRequest(method, e.url+path, rd)
	req.Header.Set(protocol.Header, "1")
	if body != nil {
		req.Header.Set("Content-Encoding", "gzip")
	}
	req.Header.Set("Accept-Encoding", "gzip")
	if e.token != "" {
		req.Header.Set("Authorization", "Bearer "+e.token)
	}
	resp, err := e.client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		msg, _ := io.ReadAll(resp.Body)
		b.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, msg)
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		b.Fatal(err)
	}
	if err := json.NewDecoder(zr).Decode(out); err != nil {
		b.Fatal(err)
	}
}

// load pushes n records in batches of 500 and returns the elapsed time.
func (e *benchEnv) load(b *testing.B, n int) time.Duration {
	clock := hlc.New("bench", nil)
	start := time.Now()
	for i := 0; i < n; i += 500 {
		req := protocol.PushRequest{ClientID: "bench"}
		for j := i; j < min(n, i+500); j++ {
			req.Changes = append(req.Changes, benchRecord(clock, "bench", j))
		}
		var resp protocol.PushResponse
		e.do(b, "POST", "/v1/push", req, &resp)
	}
	return time.Since(start)
}

func benchSizes() []int {
	if os.Getenv("SHANHAI_BENCH_100K") != "" {
		return []int{10000, 100000}
	}
	return []int{10000}
}

// BenchmarkInitialPush: N records pushed over HTTP with gzip in batches
// of 500, into an empty server.
func BenchmarkInitialPush(b *testing.B) {
	for _, backend := range []string{"bolt", "pg"} {
		for _, n := range benchSizes() {
			b.Run(fmt.Sprintf("%s/N=%d", backend, n), func(b *testing.B) {
				var total time.Duration
				for range b.N {
					env := newBenchEnv(b, backend)
					total += env.load(b, n)
				}
				b.ReportMetric(float64(n*b.N)/total.Seconds(), "docs/s")
			})
		}
	}
}

// BenchmarkInitialPull: a new device pulls N records in pages of 2,000.
func BenchmarkInitialPull(b *testing.B) {
	for _, backend := range []string{"bolt", "pg"} {
		for _, n := range benchSizes() {
			env := newBenchEnv(b, backend)
			env.load(b, n)
			b.Run(fmt.Sprintf("%s/N=%d", backend, n), func(b *testing.B) {
				env.wire.n = 0
				b.ResetTimer()
				for range b.N {
					var after uint64
					got := 0
					for {
						var page protocol.PullResponse
						env.do(b, "GET", fmt.Sprintf("/v1/pull?after=%d&limit=2000", after), nil, &page)
						got += len(page.Records)
						after = page.NextCursor
						if !page.HasMore {
							break
						}
					}
					if got != n {
						b.Fatalf("pulled %d of %d", got, n)
					}
				}
				b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
				b.ReportMetric(float64(env.wire.n)/float64(b.N*n), "wire-B/doc")
			})
		}
	}
}

// BenchmarkIncrementalSync: beside N stored records, push 10 edited
// records and pull them back (one round each); and a sync with nothing to
// do (one pull at the head).
func BenchmarkIncrementalSync(b *testing.B) {
	for _, backend := range []string{"bolt", "pg"} {
		n := benchSizes()[len(benchSizes())-1]
		env := newBenchEnv(b, backend)
		env.load(b, n)
		cursor := uint64(n) // the loaded records are numbered 1..n
		clock := hlc.New("editor", nil)
		round := 0
		b.Run(fmt.Sprintf("%s/push10+pull/N=%d", backend, n), func(b *testing.B) {
			env.wire.n = 0
			b.ResetTimer()
			for range b.N {
				round++
				req := protocol.PushRequest{ClientID: "editor"}
				for k := range 10 {
					c := benchRecord(clock, "editor", (k*n/10+round)%n)
					c.MutationID = fmt.Sprintf("edit-%d-%d", round, k)
					c.Fields = map[string]json.RawMessage{"notes": json.RawMessage(fmt.Sprintf(`"第%d次复访"`, round))}
					c.Versions = map[string]string{"notes": c.Versions["notes"]}
					req.Changes = append(req.Changes, c)
				}
				var pr protocol.PushResponse
				env.do(b, "POST", "/v1/push", req, &pr)
				var page protocol.PullResponse
				env.do(b, "GET", fmt.Sprintf("/v1/pull?after=%d", cursor), nil, &page)
				if len(page.Records) != 10 {
					b.Fatalf("pulled %d, want 10", len(page.Records))
				}
				cursor = page.NextCursor
			}
			b.ReportMetric(float64(env.wire.n)/float64(b.N), "resp-wire-B/op")
		})
		b.Run(fmt.Sprintf("%s/nothing-to-do/N=%d", backend, n), func(b *testing.B) {
			for range b.N {
				var page protocol.PullResponse
				env.do(b, "GET", fmt.Sprintf("/v1/pull?after=%d", cursor), nil, &page)
				if len(page.Records) != 0 {
					b.Fatalf("pulled %d at the head", len(page.Records))
				}
			}
		})
	}
}
