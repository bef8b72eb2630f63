package store

import (
	"context"
	"errors"
	"time"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// Store is the server's persistent state. Every method is safe for
// concurrent use, and several processes may share one PostgreSQL-backed
// store: nothing a method relies on lives only in process memory.
type Store interface {
	// Push applies a batch in one transaction as p: each change is merged,
	// scope-checked and numbered, and its result is remembered under its
	// mutation ID, so a retried batch changes nothing and gets the same
	// results. now bounds future HLC stamps.
	Push(ctx context.Context, p Principal, req protocol.PushRequest, now time.Time) (protocol.PushResponse, error)
	// Pull returns the records p may see whose sequence is after the
	// cursor, in sequence order, at most limit of them (see PageLimit),
	// with removal markers for records p's zone has lost.
	Pull(ctx context.Context, p Principal, after uint64, limit int) (Page, error)
	// PutUser creates or replaces a user, appending the audit entries in
	// the same transaction.
	PutUser(ctx context.Context, u User, audit ...AuditEntry) error
	// Users lists every user by name.
	Users(ctx context.Context) ([]User, error)
	// User returns a user by name, or ErrNotFound.
	User(ctx context.Context, name string) (User, error)
	// Secret returns the token-signing key, creating it on first use, so
	// every process sharing the store signs and verifies alike.
	Secret(ctx context.Context) ([]byte, error)
	// Attempt counts one login attempt under key in the fixed window
	// containing now and returns the count so far in that window.
	Attempt(ctx context.Context, key string, now time.Time, window time.Duration) (int, error)
	// ResetAttempts forgets the attempts under key (after a good login).
	ResetAttempts(ctx context.Context, key string) error
	// Purge removes the tombstones deleted before the given time (see
	// Record.Purgeable) and raises the purge horizon to the highest
	// sequence it removed. It returns how many it removed, and when it
	// removed any it appends a purge entry (PurgeAudit) to the audit log
	// in the same transaction.
	Purge(ctx context.Context, before time.Time) (int, error)
	// Horizon returns the purge horizon, 0 before any purge. Read it
	// after a pull page: a purge committed before the page was read is
	// then always seen (see Behind).
	Horizon(ctx context.Context) (uint64, error)
	// PutRulePack stores a published rule pack, replacing one with the
	// same date and version, appending the audit entries in the same
	// transaction.
	PutRulePack(ctx context.Context, rp RulePack, audit ...AuditEntry) error
	// LatestRulePack returns the latest published pack (see
	// RulePack.Newer), or ErrNotFound when none was published.
	LatestRulePack(ctx context.Context) (RulePack, error)
	// Auditor is the append-only audit log.
	Auditor
	// Ping checks that the store answers (for /healthz).
	Ping(ctx context.Context) error
	// Close releases the store.
	Close() error
}

// Hooks let tests pause a backend at points where concurrency matters.
type Hooks struct {
	// BeforeCommit runs inside a push transaction after every change is
	// written and numbered, just before commit.
	BeforeCommit func(ctx context.Context, req protocol.PushRequest)
}

// Role is what a user may do.
type Role string

// Roles. Staff and managers work in their own zone; admins see every zone
// and manage users and rule packs.
const (
	RoleStaff   Role = "staff"
	RoleManager Role = "manager"
	RoleAdmin   Role = "admin"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleStaff || r == RoleManager || r == RoleAdmin }

// User is an account on the server.
type User struct {
	Name string `json:"name"`
	Zone string `json:"zone"`
	Role Role   `json:"role"`
	// Hash is the password hash in PHC string form (argon2id).
	Hash    string    `json:"hash"`
	Created time.Time `json:"created"`
}

// Principal is the authenticated caller of a request.
type Principal struct {
	Name string
	Zone string
	Role Role
	// Remote is the caller's address, for the audit log (not signed in
	// the token: the HTTP layer sets it per request).
	Remote string
}

// Audit returns an audit entry for an action p takes at the given time.
func (p Principal) Audit(action string, at time.Time) AuditEntry {
	return AuditEntry{At: at, User: p.Name, Zone: p.Zone, Role: p.Role, Remote: p.Remote, Action: action}
}

// ErrNotFound is returned for a user or rule pack that does not exist.
var ErrNotFound = errors.New("not found")
