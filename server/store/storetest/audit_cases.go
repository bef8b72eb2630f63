package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// auditLog returns every audit entry, checking the chain on the way.
func auditLog(t *testing.T, s store.Store) []store.AuditEntry {
	t.Helper()
	ctx := context.Background()
	if _, err := store.VerifyAudit(ctx, s); err != nil {
		t.Fatalf("VerifyAudit: %v", err)
	}
	var out []store.AuditEntry
	if err := store.EachAudit(ctx, s, store.AuditQuery{}, func(e store.AuditEntry) error { out = append(out, e); return nil }); err != nil {
		t.Fatalf("EachAudit: %v", err)
	}
	return out
}

// testAuditPush: each pushed change gets one entry with who, op, record
// and masked old → new values; a retried batch adds nothing; rejected
// changes are logged without values.
func testAuditPush(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	a, b := newClient("laptop-a"), newClient("laptop-b")
	p := staffA
	p.Remote = "10.0.0.7"
	first := a.batch(a.put("enterprise", "e1", "name", `"甲企业"`),
		a.put("contact", "c1", "enterprise_id", `"e1"`, "name", `"张三"`, "mobile", `"+8613812345678"`, "title", `"总经理"`))
	push(t, s, p, first)
	push(t, s, p, first) // retry: no new entries
	push(t, s, p, a.batch(a.put("contact", "c1", "name", `"李四"`, "mobile", `"+8613999990000"`)))
	push(t, s, staffB, b.batch(b.put("enterprise", "e1", "name", `"篡改"`)))

	log := auditLog(t, s)
	if len(log) != 4 {
		t.Fatalf("%d audit entries, want 4 (retry logged twice?): %+v", len(log), log)
	}
	c1 := log[1]
	if c1.Action != store.ActionPush || c1.User != "alice" || c1.Zone != "zone-a" || c1.Role != store.RoleStaff ||
		c1.Remote != "10.0.0.7" || c1.Client != "laptop-a" || c1.Op != "put" || c1.Kind != "contact" || c1.Record != "c1" || c1.Status != "applied" || !c1.At.Equal(now) {
		t.Fatalf("entry for c1: %+v", c1)
	}
	changes := map[string]store.FieldChange{}
	for _, fc := range log[2].Changes {
		changes[fc.Field] = fc
	}
	if len(changes) != 2 || string(changes["name"].Old) != `"张*"` || string(changes["name"].New) != `"李*"` ||
		string(changes["mobile"].Old) != `"+86 138****5678"` || string(changes["mobile"].New) != `"+86 139****0000"` {
		t.Fatalf("update entry changes: %+v", log[2].Changes)
	}
	for _, e := range log {
		for _, fc := range e.Changes {
			if strings.Contains(string(fc.New)+string(fc.Old), "张三") || strings.Contains(string(fc.New)+string(fc.Old), "13812345678") {
				t.Fatalf("personal value in the audit log: %+v", e)
			}
		}
	}
	if title := log[1].Changes; len(title) != 4 {
		t.Fatalf("create entry holds %d fields, want 4: %+v", len(title), title)
	}
	rej := log[3]
	if rej.User != "bob" || rej.Status != "rejected" || rej.Code != "forbidden_zone" || len(rej.Changes) != 0 ||
		len(rej.Zones) != 1 || rej.Zones[0] != "zone-a" {
		t.Fatalf("rejected change entry: %+v", rej)
	}
	// A manager of zone A sees entries about zone A's records, including
	// bob's refused attempt; one of zone B sees only bob's own entry.
	var zoneB []store.AuditEntry
	store.EachAudit(context.Background(), s, store.AuditQuery{Zone: "zone-b"}, func(e store.AuditEntry) error { zoneB = append(zoneB, e); return nil })
	if len(zoneB) != 1 || zoneB[0].User != "bob" {
		t.Fatalf("zone B's audit: %+v", zoneB)
	}
}

// testAuditRollback: a push that fails rolls its audit entries back with
// it; the log keeps exactly the committed changes.
func testAuditRollback(t *testing.T, newStore NewStore) {
	var cancel context.CancelFunc
	s := newStore(t, store.Hooks{BeforeCommit: func(ctx context.Context, req protocol.PushRequest) {
		if cancel != nil {
			cancel() // the request goes away after every change was written
		}
	}})
	a := newClient("laptop-a")
	push(t, s, staffA, a.batch(a.put("enterprise", "e1", "name", `"甲"`)))
	ctx, c := context.WithCancel(context.Background())
	cancel = c
	if _, err := s.Push(ctx, staffA, a.batch(a.put("enterprise", "e2", "name", `"乙"`)), now); err == nil {
		t.Fatal("push whose context ended before commit succeeded")
	}
	cancel = nil
	if n := len(auditLog(t, s)); n != 1 {
		t.Fatalf("%d audit entries after a rolled-back push, want 1", n)
	}
	push(t, s, staffA, a.batch(a.put("enterprise", "e3", "name", `"丙"`)))
	if log := auditLog(t, s); len(log) != 2 || log[1].Record != "e3" || log[1].Seq != 2 {
		t.Fatalf("log after the next push: %+v", log)
	}
}

// testAuditEvents: users, rule packs, purges and standalone entries are
// logged, the chain links them all, and a query filters them.
func testAuditEvents(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	ctx := context.Background()
	u := store.User{Name: "carol", Zone: "zone-a", Role: store.RoleManager, Hash: "x", Created: now}
	add := admin.Audit(store.ActionUserPut, now)
	add.Detail = "carol zone-a manager"
	if err := s.PutUser(ctx, u, add); err != nil {
		t.Fatal(err)
	}
	pub := admin.Audit(store.ActionRulePack, now.Add(time.Minute))
	if err := s.PutRulePack(ctx, store.RulePack{Version: "1", Date: "2026-01-01", Data: []byte(`{}`), Published: now, By: "root"}, pub); err != nil {
		t.Fatal(err)
	}
	login := staffA.Audit(store.ActionLogin, now.Add(2*time.Minute))
	if err := s.AppendAudit(ctx, login, staffB.Audit(store.ActionPull, now.Add(3*time.Minute))); err != nil {
		t.Fatal(err)
	}
	a := newClient("laptop-a")
	push(t, s, managerA, a.batch(a.put("enterprise", "e1", "name", `"甲"`)))
	push(t, s, managerA, a.batch(a.del("enterprise", "e1")))
	if n, err := s.Purge(ctx, now.Add(time.Hour)); err != nil || n != 1 {
		t.Fatalf("Purge = %d, %v", n, err)
	}
	log := auditLog(t, s)
	var actions []string
	for _, e := range log {
		actions = append(actions, e.Action)
	}
	want := "user_put rulepack_publish login pull push push purge"
	if got := strings.Join(actions, " "); got != want {
		t.Fatalf("actions %q, want %q", got, want)
	}
	if del := log[5]; del.Op != "delete" || len(del.Changes) != 0 {
		t.Fatalf("delete entry: %+v", del)
	}
	if p := log[6]; p.Count != 1 || p.User != "system" {
		t.Fatalf("purge entry: %+v", p)
	}
	var got []store.AuditEntry
	q := store.AuditQuery{From: now.Add(time.Minute), To: now.Add(3 * time.Minute)}
	store.EachAudit(ctx, s, q, func(e store.AuditEntry) error { got = append(got, e); return nil })
	if len(got) != 2 || got[0].Action != "rulepack_publish" || got[1].Action != "login" {
		t.Fatalf("time range query: %+v", got)
	}
	users, err := s.Users(ctx)
	if err != nil || len(users) != 1 || users[0].Name != "carol" {
		t.Fatalf("Users = %+v, %v", users, err)
	}
}

// testAuditRoles: staff may neither delete nor erase; a manager may in
// the own zone; only the receiving zone's manager decides on a referral.
func testAuditRoles(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	a := newClient("laptop-a")
	// b's clock runs ahead, so its edits win over a's.
	b := &client{id: "laptop-b", clock: hlc.New("laptop-b", func() time.Time { return now.Add(time.Second) })}
	push(t, s, staffA, a.batch(a.put("enterprise", "e1", "name", `"甲"`), a.put("enterprise", "e2", "name", `"乙"`),
		a.put("enterprise", "e3", "name", `"丙"`),
		a.put("referral", "r1", "enterprise_id", `"e1"`, "from_zone", `"zone-a"`, "to_zone", `"zone-b"`, "status", `"pending"`)))
	erase := a.erase("contact", "c-nobody")
	tests := []struct {
		name string
		p    store.Principal
		ch   protocol.Change
		want protocol.Status
		code string
	}{
		{"staff delete", staffA, a.del("enterprise", "e1"), protocol.StatusRejected, "forbidden_role"},
		{"staff erase", staffA, erase, protocol.StatusRejected, "erase_forbidden"},
		{"sending zone's staff accepts", staffA, a.put("referral", "r1", "status", `"accepted"`), protocol.StatusRejected, "forbidden_role"},
		{"sending zone's manager accepts", managerA, a.put("referral", "r1", "status", `"accepted"`), protocol.StatusRejected, "forbidden_role"},
		{"receiving staff accepts", staffB, b.put("referral", "r1", "status", `"accepted"`), protocol.StatusRejected, "forbidden_role"},
		{"staff sends a referral", staffA, a.put("referral", "r2", "enterprise_id", `"e2"`, "from_zone", `"zone-a"`, "to_zone", `"zone-b"`, "status", `"pending"`), protocol.StatusApplied, ""},
		{"staff sends it as accepted", staffA, a.put("referral", "r3", "enterprise_id", `"e2"`, "from_zone", `"zone-a"`, "to_zone", `"zone-b"`, "status", `"accepted"`), protocol.StatusRejected, "forbidden_role"},
		{"receiving manager accepts", managerB, b.put("referral", "r1", "status", `"accepted"`), protocol.StatusApplied, ""},
		{"receiving manager lands", managerB, b.put("referral", "r1", "status", `"landed"`), protocol.StatusApplied, ""},
		{"other zone's manager deletes", managerB, b.del("enterprise", "e3"), protocol.StatusRejected, "forbidden_zone"},
		{"manager deletes in own zone", managerA, a.del("enterprise", "e1"), protocol.StatusApplied, ""},
		{"admin deletes anywhere", admin, a.del("enterprise", "e2"), protocol.StatusApplied, ""},
	}
	for _, tt := range tests {
		c := a
		if tt.p.Zone == "zone-b" {
			c = b
		}
		res := push(t, s, tt.p, c.batch(tt.ch)).Results[0]
		if res.Status != tt.want || res.Code != tt.code {
			t.Errorf("%s: %+v, want %s %q", tt.name, res, tt.want, tt.code)
		}
		if tt.code == "forbidden_role" && (res.Zh == "" || res.En == "") {
			t.Errorf("%s: rejection without a reason: %+v", tt.name, res)
		}
	}
}

// testAuditConcurrent: pushes and standalone entries from many
// goroutines (several processes, on PostgreSQL) form one unbroken chain
// with an entry for every change.
func testAuditConcurrent(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	const workers, rounds = 4, 5
	errs := make(chan error, workers*rounds*2)
	done := make(chan struct{})
	for w := range workers {
		go func() {
			defer func() { done <- struct{}{} }()
			c := newClient(fmt.Sprintf("laptop-%d", w))
			for r := range rounds {
				id := fmt.Sprintf("e-%d-%d", w, r)
				if _, err := s.Push(context.Background(), staffA, c.batch(c.put("enterprise", id, "name", `"甲"`), c.put("enterprise", id+"x", "name", `"乙"`)), now); err != nil {
					errs <- err
				}
				if err := s.AppendAudit(context.Background(), staffA.Audit(store.ActionPull, now)); err != nil {
					errs <- err
				}
			}
		}()
	}
	for range workers {
		<-done
	}
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := len(auditLog(t, s)); n != workers*rounds*3 {
		t.Fatalf("%d entries, want %d", n, workers*rounds*3)
	}
}
