package storage

// This file holds the types other packages use with the store; the
// methods are listed in doc.go.

import (
	"encoding/json"
	"errors"
	"time"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sealing"
)

// Options configure Open.
type Options struct {
	// Author is written into the Meta of every record this store changes.
	Author string
	// Node names this installation in HLC stamps; generated and kept in
	// the store on first open when empty.
	Node string
	// Now replaces time.Now in tests.
	Now func() time.Time
	// LockTimeout is how long Open waits for another process to close the
	// file before failing with ErrInUse; 0 means one second.
	LockTimeout time.Duration
	// Passphrase unlocks an encrypted store. Given to a new or plaintext
	// store it sets up encryption, sealing the plaintext personal values
	// during this Open. nil opens a plaintext store as it is and fails
	// with ErrLocked on an encrypted one.
	Passphrase []byte
	// KeyCost is the argon2id cost of deriving keys from passphrases
	// (wrapping the data key, backups); zero means
	// sealing.DefaultParams(). Tests set sealing.LowCostParams().
	KeyCost sealing.Params
}

// Op is what a change did to a record.
type Op string

// Change operations.
const (
	OpPut    Op = "put"
	OpDelete Op = "delete"
	// OpRestore undoes a delete: the user accepted a restore offer.
	OpRestore Op = "restore"
)

// Change is one outbox entry: a local write not yet acknowledged by the
// server.
type Change struct {
	Seq        uint64                     `json:"seq"`         // local, strictly increasing
	MutationID string                     `json:"mutation_id"` // ULID, unique across clients
	Kind       record.Kind                `json:"kind"`
	RecordID   string                     `json:"record_id"`
	Op         Op                         `json:"op"`
	Fields     map[string]json.RawMessage `json:"fields,omitempty"`   // changed fields and their new values
	Versions   map[string]string          `json:"versions,omitempty"` // HLC stamp per changed field
	// Bases holds, per changed field, the version the field had when the
	// user edited it, so the server can tell an overwrite of a value the
	// user had seen from a concurrent edit (docs/sync-protocol.md §5).
	Bases  map[string]string `json:"bases,omitempty"`
	At     time.Time         `json:"at"`
	Author string            `json:"author,omitempty"`
}

// ListOptions page and filter List.
type ListOptions struct {
	Limit int    // 0 means all
	After string // return records with ID > After (cursor paging)
	// Enterprise filters children to one enterprise.
	Enterprise string
	// Stage filters enterprises by stage (uses the stage index).
	Stage record.Stage
	// DueBefore filters tasks that are not done and due on or before this
	// YYYY-MM-DD date (uses the due index).
	DueBefore string
	// Sort orders enterprises (see Sort); After then names the last
	// enterprise of the previous page in that order.
	Sort Sort
}

// Duplicate is an existing enterprise that may be the same as a new one.
type Duplicate struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Reason string `json:"reason"` // "credit_code", "name" or "mobile"
	Zh     string `json:"zh"`     // e.g. "统一社会信用代码相同"
	En     string `json:"en"`     // e.g. "same unified social credit code"
}

// Hit is one search result.
type Hit struct {
	Kind  record.Kind `json:"kind"`
	ID    string      `json:"id"`
	Title string      `json:"title"` // enterprise name, or contact name
	Sub   string      `json:"sub"`   // what matched / context
	Score int         `json:"score"` // higher is better
}

// Inconsistency is one problem found by Doctor.
type Inconsistency struct {
	Bucket string `json:"bucket"`
	Key    string `json:"key"`
	Issue  string `json:"issue"`
}

// Errors callers test for with errors.Is / errors.As.
var (
	ErrNotFound = errors.New("record not found")
	// ErrDuplicateCreditCode: another enterprise already has this code;
	// the returned error wraps it in a *DuplicateError naming that one.
	ErrDuplicateCreditCode = errors.New("credit code already used by another enterprise")
	// ErrNoParent: a child names an enterprise that does not exist.
	ErrNoParent = errors.New("enterprise does not exist")
	// ErrInUse: another process holds the store file open. The UI shows
	// "数据文件正被另一个山海外勤程序使用，请先关闭它".
	ErrInUse = errors.New("store is in use by another process")
	// ErrTooNew: the file was written by a newer version of the program,
	// whose layout this binary does not know.
	ErrTooNew = errors.New("store was written by a newer version of shanhai")
	// ErrUnknownField: a patch names a field the record kind does not have.
	ErrUnknownField = errors.New("unknown field")
	// ErrLocked: the store is encrypted and Open was given no passphrase.
	ErrLocked = errors.New("store is encrypted: a passphrase is needed")
	// ErrWrongPassphrase: the passphrase does not unlock the store (or
	// the backup). It is sealing.ErrWrongPassphrase, so either matches.
	ErrWrongPassphrase = sealing.ErrWrongPassphrase
)

// DuplicateError names the record that already holds a unique value.
type DuplicateError struct {
	Field string // "credit_code"
	ID    string // existing record
}

// Error names the field and the record that already holds the value.
func (e *DuplicateError) Error() string { return e.Field + " already used by " + e.ID }

// Unwrap lets errors.Is match ErrDuplicateCreditCode.
func (e *DuplicateError) Unwrap() error { return ErrDuplicateCreditCode }
