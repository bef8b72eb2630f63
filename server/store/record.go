package store

import (
	"context"
	"time"

	"github.com/shanhaifield/shanhai/sync/merge"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// Record is a stored record: its merged state, where it is visible and
// its place in the change sequence.
type Record struct {
	State merge.State `json:"state"`
	// Zones see and edit the record: an enterprise's zone, inherited by
	// its children; both zones of a referral.
	Zones []string `json:"zones"`
	// Gone lists zones the record has left; their users get a removal
	// marker on pull so they drop their copy.
	Gone []string `json:"gone,omitempty"`
	// Parent is the enterprise a child belongs to.
	Parent string `json:"parent,omitempty"`
	// Home is an enterprise's own zone; Shared are the zones its live
	// referrals bring in. Its Zones are both together.
	Home   string   `json:"home,omitempty"`
	Shared []string `json:"shared,omitempty"`
	// Seq is the server sequence number of the record's last change.
	Seq uint64 `json:"seq"`
	// Erased is the erase stamp of an erased record (see erase.go): its
	// State holds no values and no change may bring it back.
	Erased string `json:"erased,omitempty"`
	// Author is the signed-in user whose push last changed the record
	// (the server's word, not the client's claim); pulls pass it on so
	// each laptop's history says who changed what.
	Author string `json:"author,omitempty"`
}

// IndexZones are the zones whose pull index lists the record.
func (r Record) IndexZones() []string { return union(r.Zones, r.Gone) }

// Tx is what a backend offers inside one push transaction. ApplyBatch
// drives it; every write is committed or rolled back together.
type Tx interface {
	// Record reads a record, seeing this transaction's own writes.
	Record(ctx context.Context, id string) (Record, bool, error)
	// PutRecord stores rec and moves its index entries from prev (the
	// zero Record when rec is new).
	PutRecord(ctx context.Context, rec, prev Record) error
	// Children returns the records whose Parent is id.
	Children(ctx context.Context, id string) ([]Record, error)
	// NextSeq returns the next server sequence number. On backends with
	// concurrent writers it must make sequence numbers become visible in
	// order (see docs/sync-protocol.md §Sequence).
	NextSeq(ctx context.Context) (uint64, error)
	// Mutation returns the stored result of a client's mutation.
	Mutation(ctx context.Context, clientID, mutationID string) (protocol.Result, bool, error)
	// PutMutation remembers a mutation's result.
	PutMutation(ctx context.Context, clientID string, ch protocol.Change, res protocol.Result) error
	// EraseHistory removes the values of record id from every stored
	// mutation result (their conflicts), so a retried push cannot read
	// an erased person back.
	EraseHistory(ctx context.Context, id string) error
	// LastMutation returns the last mutation ID SetClient recorded for
	// a client, "" for a client that never pushed.
	LastMutation(ctx context.Context, clientID string) (string, error)
	// SetClient records the last mutation a client pushed.
	SetClient(ctx context.Context, clientID, mutationID string, clientSeq uint64, at time.Time) error
	// AppendAudit appends audit entries, numbered and chained, to be
	// committed (or rolled back) with the rest of the transaction.
	AppendAudit(ctx context.Context, entries []AuditEntry) error
}

// MaxSkew is how far ahead of the server clock a stamp may be before it is
// clamped: a laptop whose clock runs fast cannot win every later edit.
const MaxSkew = 5 * time.Minute
