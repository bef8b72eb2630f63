package api

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/server/auth"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/server/store/boltstore"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// testServer is a real HTTP server on 127.0.0.1 over a real bbolt store.
type testServer struct {
	url   string
	store store.Store
	srv   *Server
	mu    sync.Mutex
	now   time.Time
}

func (ts *testServer) clock() time.Time {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.now
}

func (ts *testServer) advance(d time.Duration) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.now = ts.now.Add(d)
}

var cheap = auth.Params{Memory: 1024, Time: 1, Threads: 1}

func newTestServer(t *testing.T) *testServer {
	t.Helper()
	ctx := context.Background()
	st, err := boltstore.Open(ctx, filepath.Join(t.TempDir(), "server.db"), store.Hooks{})
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{store: st, now: time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)}
	for _, u := range []store.User{
		{Name: "alice", Zone: "zone-a", Role: store.RoleStaff},
		{Name: "bob", Zone: "zone-b", Role: store.RoleStaff},
		{Name: "root", Zone: "zone-a", Role: store.RoleAdmin},
		{Name: "mia", Zone: "zone-a", Role: store.RoleManager},
		{Name: "ming", Zone: "zone-b", Role: store.RoleManager},
	} {
		u.Hash, _ = auth.HashPassword("pw-"+u.Name, cheap)
		if err := st.PutUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	srv := &Server{Store: st, Auth: &auth.Service{Store: st, MaxAttempts: 5, Now: ts.clock},
		Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), Now: ts.clock}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); st.Close() })
	ts.url, ts.srv = hs.URL, srv
	return ts
}

// call sends a request with the protocol header and decodes the JSON
// answer into out (when not nil); it returns the status.
func (ts *testServer) call(t *testing.T, method, path, token string, body, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, ts.url+path, rd)
	req.Header.Set(protocol.Header, "1")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s %s: decode: %v", method, path, err)
		}
	}
	return resp.StatusCode
}

func (ts *testServer) login(t *testing.T, name string) string {
	t.Helper()
	var lr protocol.LoginResponse
	if st := ts.call(t, "POST", "/v1/login", "", protocol.LoginRequest{Name: name, Password: "pw-" + name}, &lr); st != 200 {
		t.Fatalf("login %s: status %d", name, st)
	}
	return lr.Token
}

type laptop struct {
	id    string
	clock *hlc.Clock
	n     int
}

func newLaptop(id string) *laptop { return &laptop{id: id, clock: hlc.New(id, nil)} }

func (l *laptop) put(kind, id string, kv ...string) protocol.Change {
	l.n++
	stamp := l.clock.Now().String()
	ch := protocol.Change{ClientSeq: uint64(l.n), MutationID: fmt.Sprintf("%s-%d", l.id, l.n), Kind: kind, RecordID: id,
		Op: protocol.OpPut, Fields: map[string]json.RawMessage{}, Versions: map[string]string{}}
	for i := 0; i+1 < len(kv); i += 2 {
		ch.Fields[kv[i]] = json.RawMessage(kv[i+1])
		ch.Versions[kv[i]] = stamp
	}
	return ch
}

func (l *laptop) batch(changes ...protocol.Change) protocol.PushRequest {
	return protocol.PushRequest{ClientID: l.id, Changes: changes}
}

func gz(t *testing.T, v any) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	json.NewEncoder(zw).Encode(v)
	zw.Close()
	return buf.Bytes()
}

func TestPushPullGzipBothWays(t *testing.T) {
	ts := newTestServer(t)
	token := ts.login(t, "alice")
	l := newLaptop("laptop-1")
	req, _ := http.NewRequest("POST", ts.url+"/v1/push", bytes.NewReader(gz(t, l.batch(
		l.put("enterprise", "e1", "name", `"丽水智造有限公司"`, "zone_id", `"zone-a"`)))))
	req.Header.Set(protocol.Header, "1")
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Encoding", "gzip")
	req.Header.Set("Accept-Encoding", "gzip") // set by hand: Go leaves the body compressed
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("push status %d encoding %q", resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var pr protocol.PushResponse
	if err := json.NewDecoder(zr).Decode(&pr); err != nil || pr.Results[0].Status != protocol.StatusApplied {
		t.Fatalf("push response %+v, %v", pr, err)
	}
	var page protocol.PullResponse
	if st := ts.call(t, "GET", "/v1/pull?after=0&limit=10", token, nil, &page); st != 200 || len(page.Records) != 1 ||
		string(page.Records[0].Fields["name"]) != `"丽水智造有限公司"` || page.NextCursor != pr.Cursor {
		t.Fatalf("pull %d: %+v", st, page)
	}
}

func TestRetriedPushAfterLostResponse(t *testing.T) {
	ts := newTestServer(t)
	token := ts.login(t, "alice")
	l := newLaptop("laptop-1")
	batch := l.batch(l.put("enterprise", "e1", "name", `"甲"`), l.put("enterprise", "e2", "name", `"乙"`))
	// The first answer is lost: the client only knows it sent the batch.
	ts.call(t, "POST", "/v1/push", token, batch, nil)
	var first, second protocol.PushResponse
	ts.call(t, "POST", "/v1/push", token, batch, &first)
	ts.call(t, "POST", "/v1/push", token, batch, &second)
	if first.Cursor == 0 || first.Cursor != second.Cursor || len(first.Results) != 2 {
		t.Fatalf("retries answered %+v then %+v", first, second)
	}
	var page protocol.PullResponse
	ts.call(t, "GET", "/v1/pull", token, nil, &page)
	if len(page.Records) != 2 || page.NextCursor != first.Cursor {
		t.Fatalf("after retries: %d records, cursor %d; want 2, %d", len(page.Records), page.NextCursor, first.Cursor)
	}
}

func TestProtocolVersion(t *testing.T) {
	ts := newTestServer(t)
	for _, v := range []string{"", "0", "2", "one"} {
		req, _ := http.NewRequest("GET", ts.url+"/v1/pull", nil)
		if v != "" {
			req.Header.Set(protocol.Header, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var e protocol.Error
		json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUpgradeRequired || e.Code != "protocol_version" ||
			!strings.Contains(e.Zh, "升级") || !strings.Contains(e.En, "upgrade") {
			t.Fatalf("version %q: status %d body %+v", v, resp.StatusCode, e)
		}
	}
}

func TestLogin(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		name, user, pw string
		want           int
		code           string
	}{
		{"ok", "alice", "pw-alice", 200, ""},
		{"wrong password", "alice", "nope", 401, "bad_login"},
		{"unknown user", "mallory", "pw", 401, "bad_login"},
		{"wrong again", "bob", "x", 401, "bad_login"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e protocol.Error
			if st := ts.call(t, "POST", "/v1/login", "", protocol.LoginRequest{Name: tt.user, Password: tt.pw}, &e); st != tt.want || e.Code != tt.code {
				t.Fatalf("status %d code %q, want %d %q", st, e.Code, tt.want, tt.code)
			}
		})
	}
	for range 5 {
		ts.call(t, "POST", "/v1/login", "", protocol.LoginRequest{Name: "bob", Password: "x"}, nil)
	}
	var e protocol.Error
	if st := ts.call(t, "POST", "/v1/login", "", protocol.LoginRequest{Name: "bob", Password: "pw-bob"}, &e); st != 429 || e.Code != "rate_limited" {
		t.Fatalf("after many failures: %d %+v, want 429", st, e)
	}
}

func TestMalformedRequests(t *testing.T) {
	ts := newTestServer(t)
	token := ts.login(t, "alice")
	tests := []struct {
		name, method, path, body, encoding string
		want                               int
	}{
		{"not json", "POST", "/v1/push", `{"client_id":`, "", 400},
		{"no client id", "POST", "/v1/push", `{"changes":[]}`, "", 400},
		{"bad gzip", "POST", "/v1/push", "not gzip at all", "gzip", 400},
		{"bad cursor", "GET", "/v1/pull?after=-1", "", "", 400},
		{"huge limit", "GET", "/v1/pull?limit=99999", "", "", 400},
		{"unknown endpoint", "GET", "/v1/nothing", "", "", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, ts.url+tt.path, strings.NewReader(tt.body))
			req.Header.Set(protocol.Header, "1")
			req.Header.Set("Authorization", "Bearer "+token)
			if tt.encoding != "" {
				req.Header.Set("Content-Encoding", tt.encoding)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var e protocol.Error
			json.NewDecoder(resp.Body).Decode(&e)
			resp.Body.Close()
			if resp.StatusCode != tt.want || e.Zh == "" || e.En == "" {
				t.Fatalf("status %d body %+v, want %d with zh and en", resp.StatusCode, e, tt.want)
			}
		})
	}
}

func TestHealthAndMetrics(t *testing.T) {
	ts := newTestServer(t)
	ts.login(t, "alice")
	for path, want := range map[string]string{"/healthz": "ok", "/metrics": "shanhai_login_ok_total 1"} {
		resp, err := http.Get(ts.url + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Fatalf("%s: %d %q, want %q", path, resp.StatusCode, b, want)
		}
	}
}
