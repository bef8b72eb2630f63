package store

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"time"
)

// Audit actions: what an audit entry records.
const (
	ActionLogin       = "login"
	ActionLoginFailed = "login_failed"
	ActionPush        = "push"
	ActionPull        = "pull"
	ActionRulePack    = "rulepack_publish"
	ActionUserPut     = "user_put"
	ActionPurge       = "purge"
	ActionAuditExport = "audit_export"
)

// AuditEntry is one event of the server audit log: who (user, zone,
// role), when, from where, and what. Personal values are masked before
// an entry is built (see Mask): the log is append-only, so anything
// written into it can never be erased later.
type AuditEntry struct {
	Seq    uint64    `json:"seq"`
	At     time.Time `json:"at"`
	User   string    `json:"user"`
	Zone   string    `json:"zone,omitempty"`
	Role   Role      `json:"role,omitempty"`
	Remote string    `json:"remote,omitempty"`
	// Client is the installation a push came from (its client_id).
	Client string `json:"client,omitempty"`
	Action string `json:"action"`
	// Op, Kind and Record name the record a push change touched.
	Op     string `json:"op,omitempty"`
	Kind   string `json:"kind,omitempty"`
	Record string `json:"record,omitempty"`
	// Zones are the zones the record was or is visible to: a manager's
	// export holds the entries of records in the manager's zone.
	Zones []string `json:"zones,omitempty"`
	// Status is the push result (applied, merged, unchanged, rejected),
	// Code the rejection code.
	Status string `json:"status,omitempty"`
	Code   string `json:"code,omitempty"`
	// Changes are the fields a change altered, old → new, masked.
	Changes []FieldChange `json:"changes,omitempty"`
	// From, To and Count describe a pull page: the sequence range it
	// covered and how many records it carried.
	From  uint64 `json:"from,omitempty"`
	To    uint64 `json:"to,omitempty"`
	Count int    `json:"count,omitempty"`
	// Detail is free text (rule pack version, the user changed, …).
	Detail string `json:"detail,omitempty"`
	// Prev and Hash link the entry into the hash chain (hex in exports).
	Prev []byte `json:"prev,omitempty"`
	Hash []byte `json:"hash,omitempty"`
}

// FieldChange is one field's old and new value in an audit entry, as
// JSON; a personal field's values are masked strings. Old is absent for a
// new field.
type FieldChange struct {
	Field string          `json:"field"`
	Old   json.RawMessage `json:"old,omitempty"`
	New   json.RawMessage `json:"new,omitempty"`
}

// AuditLink is an audit entry as stored: its encoded body and its place
// in the hash chain. Verify works on links so that it checks the bytes on
// disk, not a re-encoding of them.
type AuditLink struct {
	Seq  uint64
	Prev []byte // hash of the entry before (zero bytes for the first)
	Hash []byte // ChainHash(Prev, Seq, Data)
	Data []byte // EncodeAudit of the entry (without Seq, Prev and Hash)
}

// ChainHash is the hash an entry stores: SHA-256 over the previous
// entry's hash, the entry's sequence number and its encoded body. An
// edit, a deletion or a reordering of stored entries breaks the chain.
func ChainHash(prev []byte, seq uint64, data []byte) []byte {
	h := sha256.New()
	h.Write(prev)
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], seq)
	h.Write(k[:])
	h.Write(data)
	return h.Sum(nil)
}

// ZeroHash is the Prev of the first entry.
var ZeroHash = make([]byte, sha256.Size)

// Auditor is the append-only audit log of a store. There is no method to
// change or remove an entry.
type Auditor interface {
	// AppendAudit appends entries in one transaction of their own (for
	// events that change nothing else: logins, pulls, exports).
	AppendAudit(ctx context.Context, entries ...AuditEntry) error
	// AuditLinks returns up to limit stored entries after the sequence
	// number after, in order.
	AuditLinks(ctx context.Context, after uint64, limit int) ([]AuditLink, error)
}

// Link numbers and chains encoded entries after prev (the hash of the
// entry numbered first-1): the shared write step of both backends.
func Link(entries []AuditEntry, first uint64, prev []byte) ([]AuditLink, error) {
	links := make([]AuditLink, len(entries))
	for i, e := range entries {
		data, err := EncodeAudit(e)
		if err != nil {
			return nil, err
		}
		seq := first + uint64(i)
		hash := ChainHash(prev, seq, data)
		links[i] = AuditLink{Seq: seq, Prev: prev, Hash: hash, Data: data}
		prev = hash
	}
	return links, nil
}
