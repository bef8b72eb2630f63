package protocol

import (
	"encoding/json"
	"time"
)

// Op is what a change does to a record.
type Op string

// Change operations. OpPut and OpDelete match storage.Op; OpRestore undoes
// a delete (the user accepted a restore offer). OpErase removes a record's
// values for real (PIPL art. 47): the server keeps only a tombstone, and
// no later change may bring the record back (docs/sync-protocol.md §Erase).
const (
	OpPut     Op = "put"
	OpDelete  Op = "delete"
	OpRestore Op = "restore"
	OpErase   Op = "erase"
)

// Keys of Change.Versions that stamp the record rather than a field.
const (
	// DeletedKey carries the HLC stamp of a delete.
	DeletedKey = "_deleted"
	// RestoredKey carries the HLC stamp of a restore.
	RestoredKey = "_restored"
	// ErasedKey carries the HLC stamp of an erase.
	ErasedKey = "_erased"
)

// Change is one client write as pushed: the JSON form of storage.Change
// plus the optional Bases. A client may marshal storage.Change directly.
type Change struct {
	// ClientSeq is the client's local outbox sequence (storage.Change.Seq).
	ClientSeq  uint64 `json:"seq,omitempty"`
	MutationID string `json:"mutation_id"`
	Kind       string `json:"kind"`
	RecordID   string `json:"record_id"`
	Op         Op     `json:"op"`
	// Fields holds the changed fields' new values (put only).
	Fields map[string]json.RawMessage `json:"fields,omitempty"`
	// Versions holds the HLC stamp of each changed field, or DeletedKey /
	// RestoredKey for a delete / restore.
	Versions map[string]string `json:"versions,omitempty"`
	// Bases holds, per changed field, the stamp the client's copy of the
	// field had when the user edited it. An older value the editor had
	// already seen is superseded, not a conflict. Optional: without it
	// every overwritten value from another edit is kept as a conflict.
	Bases  map[string]string `json:"bases,omitempty"`
	At     time.Time         `json:"at,omitzero"`
	Author string            `json:"author,omitempty"`
}

// PushRequest is the body of POST /v1/push.
type PushRequest struct {
	// ClientID names the installation; mutation IDs are remembered per
	// client so a retried batch is a no-op.
	ClientID string `json:"client_id"`
	// BatchID is optional; it only appears in server logs.
	BatchID string `json:"batch_id,omitempty"`
	// After, when set, is the last mutation ID of the client's previous
	// batch: a server that answers Ordered applies this batch only once
	// that batch is the last one it applied for the client, so a client
	// may send a batch before the previous one is answered and the
	// batches still apply in order (CodeOutOfOrder when it never comes).
	After   string   `json:"after,omitempty"`
	Changes []Change `json:"changes"`
}

// Status is the outcome of one pushed change.
type Status string

// Push outcomes.
const (
	// StatusApplied: every field (or the delete / restore) took effect.
	StatusApplied Status = "applied"
	// StatusMerged: some fields lost to newer stamps; losers are conflicts.
	StatusMerged Status = "merged"
	// StatusUnchanged: the change was older than or equal to the stored
	// state and changed nothing.
	StatusUnchanged Status = "unchanged"
	// StatusRejected: the server refused the change (Code says why). It
	// is still acknowledged: the client sets it aside and shows it, so
	// one bad record never blocks the outbox.
	StatusRejected Status = "rejected"
)

// Result is the server's answer for one change.
type Result struct {
	MutationID string `json:"mutation_id"`
	Status     Status `json:"status"`
	// Seq is the server sequence number the change got (0 when it changed
	// nothing or was rejected).
	Seq uint64 `json:"seq,omitempty"`
	// Code, Zh and En explain a rejection.
	Code string `json:"code,omitempty"`
	Zh   string `json:"zh,omitempty"`
	En   string `json:"en,omitempty"`
	// Conflicts lists values that lost while merging this change.
	Conflicts []Conflict `json:"conflicts,omitempty"`
}

// PushResponse is the body answering POST /v1/push. A retried batch gets
// the same results and cursor.
type PushResponse struct {
	Results []Result `json:"results"`
	// Cursor is the highest server sequence any change of the batch got.
	Cursor uint64 `json:"cursor"`
	// ServerTime is the server clock in Unix milliseconds, so a client can
	// notice that its own clock is off.
	ServerTime int64 `json:"server_time"`
	// Ordered is true from servers that honour PushRequest.After: only
	// then may a client keep a second batch in flight.
	Ordered bool `json:"ordered,omitempty"`
}
