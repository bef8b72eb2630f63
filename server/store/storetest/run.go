package storetest

import (
	"testing"
)

// Run checks a backend against the store contract. Each case gets its own
// fresh store from newStore.
func Run(t *testing.T, newStore NewStore) {
	cases := []struct {
		name string
		fn   func(*testing.T, NewStore)
	}{
		{"PushPullPaginated", testPushPull},
		{"RetryIsNoOp", testRetry},
		{"OverlappingRetry", testOverlappingRetry},
		{"PipelinedOrder", testPipelinedOrder},
		{"FieldMergeAndConflicts", testMerge},
		{"DeleteTombstone", testDelete},
		{"ZoneScopes", testZones},
		{"ZoneMoveLeavesRemovalMarker", testZoneMove},
		{"ReferralSharesEnterprise", testReferralSharing},
		{"RejectionsRemembered", testRejections},
		{"OutOfOrderCommit", testOutOfOrderCommit},
		{"ConcurrentPushes", testConcurrent},
		{"Users", testUsers},
		{"SecretStable", testSecret},
		{"LoginAttempts", testAttempts},
		{"RulePacks", testRulePacks},
		{"PurgeTombstones", testPurge},
		{"Erase", testErase},
		{"AuditPush", testAuditPush},
		{"AuditRollback", testAuditRollback},
		{"AuditEvents", testAuditEvents},
		{"AuditRoles", testAuditRoles},
		{"AuditConcurrent", testAuditConcurrent},
		{"RestoreAndOrphans", testRestore},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.fn(t, newStore) })
	}
}
