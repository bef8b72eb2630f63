package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/shanhaifield/shanhai/rulepack"
	"github.com/shanhaifield/shanhai/server/auth"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// testPack is the shipped pack re-dated, as an admin would publish it.
func testPack(t *testing.T, version, date string) []byte {
	t.Helper()
	p, err := rulepack.Load()
	if err != nil {
		t.Fatal(err)
	}
	p.Version, p.Date = version, date
	var buf bytes.Buffer
	if err := p.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// raw sends body as is and returns the status, ETag and body.
func (ts *testServer) raw(t *testing.T, method, path, token string, body []byte, hdr map[string]string) (int, string, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, ts.url+path, bytes.NewReader(body))
	req.Header.Set(protocol.Header, "1")
	req.Header.Set("Authorization", "Bearer "+token)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("ETag"), data
}

func TestRulePackPublishAndFetch(t *testing.T) {
	ts := newTestServer(t)
	hash, _ := auth.HashPassword("pw-carol", cheap)
	if err := ts.store.PutUser(context.Background(), store.User{Name: "carol", Zone: "zone-a", Role: store.RoleManager, Hash: hash}); err != nil {
		t.Fatal(err)
	}
	staff, manager, admin := ts.login(t, "alice"), ts.login(t, "carol"), ts.login(t, "root")
	v1 := testPack(t, "2099.1", "2099-01-01")
	v2 := testPack(t, "2099.2", "2099-06-01")
	tag1 := protocol.RulePackTag("2099-01-01", "2099.1")
	steps := []struct {
		name       string
		method     string
		path       string
		token      string
		body       []byte
		inm        string
		wantStatus int
		wantCode   string // error code, for error answers
		wantVer    string // version in a 200/201 answer
	}{
		{"nothing published yet", "GET", "/v1/rulepacks/latest", staff, nil, "", 404, "no_rulepack", ""},
		{"staff may not publish", "POST", "/v1/rulepacks", staff, v1, "", 403, "forbidden", ""},
		{"manager may not publish", "POST", "/v1/rulepacks", manager, v1, "", 403, "forbidden", ""},
		{"no token", "POST", "/v1/rulepacks", "", v1, "", 401, "unauthorized", ""},
		{"not JSON", "POST", "/v1/rulepacks", admin, []byte("{not json"), "", 400, "bad_rulepack", ""},
		{"invalid pack", "POST", "/v1/rulepacks", admin, []byte(`{"version":"x"}`), "", 400, "bad_rulepack", ""},
		{"admin publishes", "POST", "/v1/rulepacks", admin, v1, "", 201, "", "2099.1"},
		{"staff fetches", "GET", "/v1/rulepacks/latest", staff, nil, "", 200, "", "2099.1"},
		{"staff already has it", "GET", "/v1/rulepacks/latest", staff, nil, tag1, 304, "", ""},
		{"same pack again", "POST", "/v1/rulepacks", admin, v1, "", 409, "rulepack_not_newer", ""},
		{"admin publishes newer", "POST", "/v1/rulepacks", admin, v2, "", 201, "", "2099.2"},
		{"old tag gets the new pack", "GET", "/v1/rulepacks/latest", manager, nil, tag1, 200, "", "2099.2"},
	}
	for _, st := range steps {
		hdr := map[string]string{}
		if st.inm != "" {
			hdr["If-None-Match"] = st.inm
		}
		status, etag, body := ts.raw(t, st.method, st.path, st.token, st.body, hdr)
		if status != st.wantStatus {
			t.Fatalf("%s: status %d, want %d (%s)", st.name, status, st.wantStatus, body)
		}
		switch {
		case st.wantCode != "":
			var e protocol.Error
			if err := json.Unmarshal(body, &e); err != nil || e.Code != st.wantCode || e.Zh == "" {
				t.Fatalf("%s: error %s, want code %s", st.name, body, st.wantCode)
			}
		case st.wantVer != "":
			var rp protocol.RulePack
			if err := json.Unmarshal(body, &rp); err != nil || rp.Version != st.wantVer || rp.By != "root" {
				t.Fatalf("%s: answer %.200s, want version %s", st.name, body, st.wantVer)
			}
			if etag != protocol.RulePackTag(rp.Date, rp.Version) {
				t.Fatalf("%s: ETag %q", st.name, etag)
			}
			if st.method == "GET" {
				p, err := rulepack.Parse(bytes.NewReader(rp.Pack))
				if err != nil || p.Version != st.wantVer {
					t.Fatalf("%s: served pack does not parse: %v", st.name, err)
				}
			}
		}
	}
}
