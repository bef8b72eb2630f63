package record

import "time"

// Kind names a record type. It is also the bbolt bucket name and the
// "kind" of every outbox change.
type Kind string

// The record kinds.
const (
	KindEnterprise Kind = "enterprise"
	KindContact    Kind = "contact"
	KindVisit      Kind = "visit"
	KindProject    Kind = "project"
	KindTask       Kind = "task"
	KindReferral   Kind = "referral"
	KindScreening  Kind = "screening"
)

// Kinds lists every record kind, parents before children, so that a
// loader that follows this order never meets a child before its parent.
var Kinds = []Kind{KindEnterprise, KindContact, KindVisit, KindProject, KindTask, KindScreening, KindReferral}

// Meta is the header every record carries: identity, audit times and the
// per-field versions that sync merges on.
type Meta struct {
	// ID is a client-generated ULID: sortable by creation time, unique
	// without a server.
	ID        string    `json:"id"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// Author is the user who last changed the record.
	Author string `json:"author,omitempty"`
	// Versions maps a JSON field name to the hybrid-logical-clock stamp of
	// its last change (see package hlc). Sync resolves concurrent edits of
	// one field by comparing these stamps.
	Versions map[string]string `json:"versions,omitempty"`
}

// Header returns the record's metadata so generic code can stamp it.
func (m *Meta) Header() *Meta { return m }

// Record is implemented by every record type.
type Record interface {
	// Header gives access to the shared metadata.
	Header() *Meta
	// Kind tells which record type this is.
	Kind() Kind
	// Validate returns every problem with the record at once; an empty
	// result means it may be stored.
	Validate() Problems
}

// Child is a record that belongs to one enterprise.
type Child interface {
	Record
	// Parent returns the owning enterprise's ID.
	Parent() string
}

// New returns an empty record of the given kind, or nil for an unknown kind.
func New(k Kind) Record {
	switch k {
	case KindEnterprise:
		return &Enterprise{}
	case KindContact:
		return &Contact{}
	case KindVisit:
		return &Visit{}
	case KindProject:
		return &Project{}
	case KindTask:
		return &Task{}
	case KindReferral:
		return &Referral{}
	case KindScreening:
		return &Screening{}
	}
	return nil
}
