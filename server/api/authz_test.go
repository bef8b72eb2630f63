package api

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// TestZoneAuthorization: staff of zone B can neither read nor write zone
// A's private records through any endpoint.
func TestZoneAuthorization(t *testing.T) {
	ts := newTestServer(t)
	alice, bob := ts.login(t, "alice"), ts.login(t, "bob")
	la, lb := newLaptop("laptop-a"), newLaptop("laptop-b")
	var pushed protocol.PushResponse
	ts.call(t, "POST", "/v1/push", alice, la.batch(
		la.put("enterprise", "ea", "name", `"甲企业"`, "notes", `"内部备注"`),
		la.put("contact", "ca", "enterprise_id", `"ea"`, "name", `"张三"`, "mobile", `"13800000000"`),
		la.put("enterprise", "es", "name", `"转介企业"`),
		la.put("referral", "rf", "enterprise_id", `"es"`, "from_zone", `"zone-a"`, "to_zone", `"zone-b"`, "status", `"pending"`),
	), &pushed)

	// Read: bob's pull holds the referral and the referred enterprise,
	// never zone A's private records.
	var page protocol.PullResponse
	ts.call(t, "GET", "/v1/pull?after=0", bob, nil, &page)
	if got := byIDs(page.Records); len(page.Records) != 2 || !got["rf"] || !got["es"] {
		t.Fatalf("bob pulled %+v", page.Records)
	}
	body, _ := json.Marshal(page)
	if strings.Contains(string(body), "内部备注") || strings.Contains(string(body), "13800000000") {
		t.Fatalf("zone A data leaked to zone B: %s", body)
	}
	// Write: every change to zone A's records is rejected, and the
	// rejection carries no record data.
	var resp protocol.PushResponse
	ts.call(t, "POST", "/v1/push", bob, lb.batch(
		lb.put("enterprise", "ea", "notes", `"篡改"`),
		lb.put("contact", "ca", "name", `"李四"`),
		lb.put("visit", "vb", "enterprise_id", `"ea"`, "date", `"2026-11-20"`),
		lb.put("enterprise", "ea", "zone_id", `"zone-b"`),
	), &resp)
	for i, r := range resp.Results {
		if r.Status != protocol.StatusRejected || r.Code != "forbidden_zone" || len(r.Conflicts) != 0 {
			t.Fatalf("change %d: %+v, want forbidden_zone", i, r)
		}
	}
	ts.call(t, "GET", "/v1/pull?after=0", alice, nil, &page)
	for _, r := range page.Records {
		if r.ID == "ea" && string(r.Fields["notes"]) != `"内部备注"` {
			t.Fatalf("zone B changed zone A's record: %s", r.Fields["notes"])
		}
	}
}

func TestTokensRefused(t *testing.T) {
	ts := newTestServer(t)
	bob := ts.login(t, "bob")
	// Forge: rewrite bob's claims to zone A (and admin) keeping the signature.
	dot := strings.LastIndexByte(bob, '.')
	claims, _ := json.Marshal(map[string]any{"n": "bob", "z": "zone-a", "r": "admin", "exp": time.Now().Add(time.Hour).Unix()})
	forged := "v1." + base64.RawURLEncoding.EncodeToString(claims) + bob[dot:]
	cases := map[string]string{"forged": forged, "garbage": "abc.def", "empty": "", "truncated": bob[:dot]}
	for name, tok := range cases {
		for _, ep := range []struct{ method, path string }{{"GET", "/v1/pull"}, {"POST", "/v1/push"}} {
			var e protocol.Error
			var body any
			if ep.method == "POST" {
				body = protocol.PushRequest{ClientID: "x"}
			}
			if st := ts.call(t, ep.method, ep.path, tok, body, &e); st != 401 || e.Code != "unauthorized" {
				t.Fatalf("%s token on %s: %d %+v, want 401", name, ep.path, st, e)
			}
		}
	}
	ts.advance(13 * time.Hour) // past the 12-hour token life
	if st := ts.call(t, "GET", "/v1/pull", bob, nil, nil); st != 401 {
		t.Fatalf("expired token: status %d, want 401", st)
	}
}

func byIDs(recs []protocol.Record) map[string]bool {
	m := map[string]bool{}
	for _, r := range recs {
		m[r.ID] = true
	}
	return m
}

func (l *laptop) del(kind, id string) protocol.Change {
	l.n++
	return protocol.Change{ClientSeq: uint64(l.n), MutationID: fmt.Sprintf("%s-%d", l.id, l.n), Kind: kind, RecordID: id,
		Op: protocol.OpDelete, Versions: map[string]string{protocol.DeletedKey: l.clock.Now().String()}}
}

// TestRoleMatrix goes through every endpoint as staff, manager and admin
// (docs/roles.md): single changes a role may not make are rejected per
// change with a reason; endpoints a role may not use answer 403 JSON.
func TestRoleMatrix(t *testing.T) {
	ts := newTestServer(t)
	tok := map[string]string{}
	for _, u := range []string{"alice", "bob", "mia", "ming", "root"} {
		var lr protocol.LoginResponse
		ts.call(t, "POST", "/v1/login", "", protocol.LoginRequest{Name: u, Password: "pw-" + u}, &lr)
		tok[u] = lr.Token
		want := map[string]string{"alice": "staff", "bob": "staff", "mia": "manager", "ming": "manager", "root": "admin"}[u]
		if lr.Role != want || lr.Zone == "" {
			t.Fatalf("login %s: role %q zone %q, want role %s", u, lr.Role, lr.Zone, want)
		}
	}
	la := newLaptop("laptop-a")
	ts.call(t, "POST", "/v1/push", tok["alice"], la.batch(
		la.put("enterprise", "e1", "name", `"甲"`), la.put("enterprise", "e2", "name", `"乙"`), la.put("enterprise", "e3", "name", `"丙"`),
		la.put("referral", "r1", "enterprise_id", `"e1"`, "from_zone", `"zone-a"`, "to_zone", `"zone-b"`, "status", `"pending"`),
	), nil)
	lb := newLaptop("laptop-b")
	lb.clock.Observe(la.clock.Now()) // b's edits come after a's
	pushes := []struct {
		name, user string
		l          *laptop
		ch         protocol.Change
		want       protocol.Status
		code       string
	}{
		{"staff delete", "alice", la, la.del("enterprise", "e2"), protocol.StatusRejected, "forbidden_role"},
		{"staff accepts a referral", "bob", lb, lb.put("referral", "r1", "status", `"accepted"`), protocol.StatusRejected, "forbidden_role"},
		{"sending manager accepts", "mia", la, la.put("referral", "r1", "status", `"accepted"`), protocol.StatusRejected, "forbidden_role"},
		{"receiving manager accepts", "ming", lb, lb.put("referral", "r1", "status", `"accepted"`), protocol.StatusApplied, ""},
		{"manager deletes in another zone", "ming", lb, lb.del("enterprise", "e3"), protocol.StatusRejected, "forbidden_zone"},
		{"manager deletes in own zone", "mia", la, la.del("enterprise", "e2"), protocol.StatusApplied, ""},
		{"admin deletes", "root", la, la.del("enterprise", "e3"), protocol.StatusApplied, ""},
	}
	for _, p := range pushes {
		var resp protocol.PushResponse
		if st := ts.call(t, "POST", "/v1/push", tok[p.user], p.l.batch(p.ch), &resp); st != 200 {
			t.Fatalf("%s: push status %d", p.name, st)
		}
		if r := resp.Results[0]; r.Status != p.want || r.Code != p.code || (p.code != "" && (r.Zh == "" || r.En == "")) {
			t.Errorf("%s: %+v, want %s %q with a reason", p.name, r, p.want, p.code)
		}
	}
	endpoints := []struct {
		method, path string
		body         any
		want         map[string]int // user → status
	}{
		{"GET", "/v1/pull", nil, map[string]int{"alice": 200, "mia": 200, "root": 200}},
		{"GET", "/v1/rulepacks/latest", nil, map[string]int{"alice": 404, "mia": 404, "root": 404}},
		{"POST", "/v1/rulepacks", map[string]string{}, map[string]int{"alice": 403, "mia": 403, "root": 400}},
		{"GET", "/v1/audit", nil, map[string]int{"alice": 403, "mia": 200, "root": 200}},
		{"GET", "/v1/audit?format=xml", nil, map[string]int{"alice": 403, "mia": 400, "root": 400}},
	}
	for _, ep := range endpoints {
		for user, want := range ep.want {
			status, _, body := ts.raw(t, ep.method, ep.path, tok[user], mustJSON(ep.body), nil)
			if status != want {
				t.Errorf("%s %s as %s: %d, want %d (%s)", ep.method, ep.path, user, status, want, body)
			}
			if status == 403 {
				var e protocol.Error
				if json.Unmarshal(body, &e) != nil || e.Code != "forbidden" || e.Zh == "" || e.En == "" {
					t.Errorf("%s %s as %s: 403 body %s", ep.method, ep.path, user, body)
				}
			}
		}
	}
}

func mustJSON(v any) []byte {
	if v == nil {
		return nil
	}
	b, _ := json.Marshal(v)
	return b
}

// TestAuditExport: the admin's export holds every event with who, where
// and masked values; a manager's holds only the own zone's; CSV starts
// with a BOM; filters by user, record and time work.
func TestAuditExport(t *testing.T) {
	ts := newTestServer(t)
	alice, bob := ts.login(t, "alice"), ts.login(t, "bob")
	ts.call(t, "POST", "/v1/login", "", protocol.LoginRequest{Name: "alice", Password: "wrong"}, nil)
	la, lb := newLaptop("laptop-a"), newLaptop("laptop-b")
	ts.call(t, "POST", "/v1/push", alice, la.batch(la.put("enterprise", "ea", "name", `"甲"`),
		la.put("contact", "ca", "enterprise_id", `"ea"`, "name", `"张三"`, "mobile", `"+8613812345678"`)), nil)
	ts.call(t, "POST", "/v1/push", bob, lb.batch(lb.put("enterprise", "eb", "name", `"乙"`)), nil)
	ts.call(t, "GET", "/v1/pull?after=0", alice, nil, &protocol.PullResponse{})
	root, mia := ts.login(t, "root"), ts.login(t, "mia")

	export := func(token, query string) []map[string]any {
		t.Helper()
		st, _, body := ts.raw(t, "GET", "/v1/audit"+query, token, nil, nil)
		if st != 200 {
			t.Fatalf("export %s: %d %s", query, st, body)
		}
		var out []map[string]any
		for _, line := range strings.Split(string(body), "\n") {
			if line == "" {
				continue
			}
			var m map[string]any
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				t.Fatalf("line %q: %v", line, err)
			}
			out = append(out, m)
		}
		return out
	}
	all := export(root, "")
	var actions []string
	for _, e := range all {
		actions = append(actions, e["action"].(string))
		if e["remote"] != "127.0.0.1" && e["action"] != "push" || e["hash"] == "" {
			t.Errorf("entry without remote or hash: %v", e)
		}
	}
	if got := strings.Join(actions, " "); got != "login login login_failed push push push pull login login audit_export" {
		t.Fatalf("admin export actions: %s", got)
	}
	raw, _ := json.Marshal(all)
	if strings.Contains(string(raw), "张三") || strings.Contains(string(raw), "13812345678") || !strings.Contains(string(raw), "张*") {
		t.Fatalf("personal data in the audit export: %s", raw)
	}
	for _, e := range export(mia, "") {
		if e["zone"] == "zone-b" {
			t.Fatalf("zone A's manager sees zone B's entry: %v", e)
		}
	}
	if got := export(root, "?user=bob"); len(got) != 2 {
		t.Fatalf("user=bob: %d entries, want 2 (login, push)", len(got))
	}
	if got := export(root, "?record=ca"); len(got) != 1 || got[0]["kind"] != "contact" {
		t.Fatalf("record=ca: %v", got)
	}
	if got := export(root, "?to=2026-11-26"); len(got) != 0 {
		t.Fatalf("to before every entry: %v", got)
	}
	st, _, body := ts.raw(t, "GET", "/v1/audit?format=csv", root, nil, nil)
	if st != 200 || !bytes.HasPrefix(body, []byte("\ufeffseq,at,user")) {
		t.Fatalf("csv export: %d %q", st, body[:min(len(body), 40)])
	}
	if st, _, _ := ts.raw(t, "GET", "/v1/audit?from=yesterday", root, nil, nil); st != 400 {
		t.Fatalf("bad from: %d", st)
	}
}

// TestPullPagesAudited: each page with records is one entry naming its
// sequence range and count; an empty poll adds none.
func TestPullPagesAudited(t *testing.T) {
	ts := newTestServer(t)
	alice := ts.login(t, "alice")
	l := newLaptop("laptop-a")
	ts.call(t, "POST", "/v1/push", alice, l.batch(l.put("enterprise", "e1", "name", `"甲"`), l.put("enterprise", "e2", "name", `"乙"`),
		l.put("enterprise", "e3", "name", `"丙"`)), nil)
	var page protocol.PullResponse
	ts.call(t, "GET", "/v1/pull?after=0&limit=2", alice, nil, &page)
	ts.call(t, "GET", fmt.Sprintf("/v1/pull?after=%d&limit=2&fresh=1", page.NextCursor), alice, nil, &page)
	ts.call(t, "GET", fmt.Sprintf("/v1/pull?after=%d", page.NextCursor), alice, nil, &page) // nothing new
	var pulls []store.AuditEntry
	store.EachAudit(context.Background(), ts.store, store.AuditQuery{}, func(e store.AuditEntry) error {
		if e.Action == store.ActionPull {
			pulls = append(pulls, e)
		}
		return nil
	})
	if len(pulls) != 2 || pulls[0].From != 0 || pulls[0].To != 2 || pulls[0].Count != 2 ||
		pulls[1].From != 2 || pulls[1].To != 3 || pulls[1].Count != 1 || pulls[1].User != "alice" || pulls[1].Zone != "zone-a" {
		t.Fatalf("pull entries: %+v", pulls)
	}
}
