package store

import (
	"context"
	"fmt"
	"time"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// applied is a pushed record before and after its change (next is zero
// when nothing was stored).
type applied struct {
	prev, next Record
}

// opErase is the op of a real deletion; its entry never carries values.
const opErase = "erase"

// changeAudit is the audit entry of one pushed change. Field values are
// logged only for changes that took effect and are not an erase.
func changeAudit(p Principal, client string, ch protocol.Change, res protocol.Result, seen applied, now time.Time) AuditEntry {
	e := p.Audit(ActionPush, now)
	e.Client = client
	e.Op, e.Kind, e.Record = string(ch.Op), ch.Kind, ch.RecordID
	e.Status, e.Code = string(res.Status), res.Code
	e.Zones = union(seen.prev.Zones, seen.next.Zones)
	if seen.next.Seq != 0 && ch.Op != opErase {
		e.Changes = diffFields(seen.prev.State, seen.next.State)
	}
	return e
}

// appendAudit writes a batch's audit entries with the batch, so a
// committed change always has its entry and a rolled-back one never does.
func appendAudit(ctx context.Context, tx Tx, entries []AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	if err := tx.AppendAudit(ctx, entries); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	return nil
}

// PurgeAudit is the entry a backend appends when a purge removed n
// tombstones deleted before the given time, raising the horizon.
func PurgeAudit(at, before time.Time, n int, horizon uint64) AuditEntry {
	return AuditEntry{At: at, User: "system", Action: ActionPurge, Count: n, To: horizon,
		Detail: "tombstones deleted before " + before.UTC().Format(time.RFC3339)}
}
