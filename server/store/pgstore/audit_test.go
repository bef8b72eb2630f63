package pgstore

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/server/store"
)

// TestAuditAppendOnly: the database itself refuses to change or remove
// audit entries, whoever connects; and an entry changed with the
// trigger switched off is caught by VerifyAudit.
func TestAuditAppendOnly(t *testing.T) {
	s := openTest(t, testDSN(t), store.Hooks{})
	ctx := context.Background()
	p := store.Principal{Name: "alice", Zone: "zone-a", Role: store.RoleStaff}
	at := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	if err := s.AppendAudit(ctx, p.Audit(store.ActionLogin, at), p.Audit(store.ActionPull, at)); err != nil {
		t.Fatal(err)
	}
	for _, sql := range []string{
		"UPDATE audit SET data = '{}' WHERE seq = 1",
		"DELETE FROM audit WHERE seq = 2",
		"TRUNCATE audit",
	} {
		_, err := s.pool.Exec(ctx, sql)
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want the append-only refusal", sql, err)
		}
	}
	if rep, err := store.VerifyAudit(ctx, s); err != nil || rep.Entries != 2 {
		t.Fatalf("VerifyAudit = %+v, %v", rep, err)
	}
	// Someone with the owner's rights switches the trigger off and edits
	// an entry: the chain no longer verifies.
	tamper := []string{"ALTER TABLE audit DISABLE TRIGGER audit_no_change",
		`UPDATE audit SET data = convert_to(replace(convert_from(data, 'UTF8'), 'alice', 'mallory'), 'UTF8') WHERE seq = 1`,
		"ALTER TABLE audit ENABLE TRIGGER audit_no_change"}
	for _, sql := range tamper {
		if _, err := s.pool.Exec(ctx, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	if _, err := store.VerifyAudit(ctx, s); err == nil || !strings.Contains(err.Error(), "entry 1") {
		t.Fatalf("VerifyAudit after tampering = %v, want entry 1 named", err)
	}
}
