package protocol

import "encoding/json"

// Conflict is a value that lost a merge, kept so the user can review it
// and flip the outcome. Its ID is the same on every replica.
type Conflict struct {
	ID       string          `json:"id"`
	Kind     string          `json:"kind"`
	RecordID string          `json:"record_id"`
	Field    string          `json:"field"`
	Value    json.RawMessage `json:"value"`
	Version  string          `json:"version"` // the losing value's HLC stamp
	// Reason is ReasonConcurrent or ReasonAfterDelete.
	Reason string `json:"reason"`
}

// Conflict reasons.
const (
	// ReasonConcurrent: two edits of one field that did not see each
	// other; the newer stamp won.
	ReasonConcurrent = "concurrent"
	// ReasonAfterDelete: an edit stamped after the record was deleted;
	// offered as a restore.
	ReasonAfterDelete = "after_delete"
)

// Record is the current server state of one record in a pull page.
type Record struct {
	Kind     string                     `json:"kind"`
	ID       string                     `json:"id"`
	Seq      uint64                     `json:"seq"`
	Zones    []string                   `json:"zones,omitempty"`
	Fields   map[string]json.RawMessage `json:"fields,omitempty"`
	Versions map[string]string          `json:"versions,omitempty"`
	// Deleted is the delete stamp when the record is a tombstone.
	Deleted string `json:"deleted,omitempty"`
	// Erased is the erase stamp when the record was erased (OpErase): the
	// client removes every value it holds of the record, its conflicts and
	// unsent changes, and keeps only a tombstone. Deleted is set too, so
	// a client that predates erase at least deletes the record.
	Erased string `json:"erased,omitempty"`
	// Conflicts are the open conflicts of this record.
	Conflicts []Conflict `json:"conflicts,omitempty"`
	// Removed says the record left the caller's scope (e.g. moved to
	// another zone): the client drops its copy. Only Kind, ID and Seq are
	// set then.
	Removed bool `json:"removed,omitempty"`
	// Author is who last changed the record, when the server tells; the
	// client's history (storage.History) names them for pulled changes.
	Author string `json:"author,omitempty"`
}

// PullResponse is the body answering GET /v1/pull?after=CURSOR&limit=N.
type PullResponse struct {
	Records []Record `json:"records"`
	// NextCursor is what the client stores (in the same transaction as
	// the records) and sends as after= next time.
	NextCursor uint64 `json:"next_cursor"`
	HasMore    bool   `json:"has_more"`
	ServerTime int64  `json:"server_time"`
}

// LoginRequest is the body of POST /v1/login.
type LoginRequest struct {
	Name     string `json:"name"`
	Password string `json:"password"`
}

// LoginResponse answers a successful login.
type LoginResponse struct {
	Token     string `json:"token"`
	ExpiresAt int64  `json:"expires_at"` // Unix seconds
	Name      string `json:"name"`
	Zone      string `json:"zone"`
	Role      string `json:"role"`
}

// Error is the body of every non-2xx answer.
type Error struct {
	Code string `json:"code"`
	Zh   string `json:"zh"`
	En   string `json:"en"`
}
