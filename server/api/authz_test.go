package api

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

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
