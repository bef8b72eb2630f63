package app

import (
	"context"
	"encoding/json"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// Services is what the user interface needs from the local store. The
// real *storage.Store satisfies it; tests use an in-memory fake. The UI
// never talks to bbolt directly.
type Services interface {
	// List returns records of one kind in ID order.
	List(ctx context.Context, kind record.Kind, opts storage.ListOptions) ([]record.Record, error)
	// Search returns the best matches for a free-text query.
	Search(ctx context.Context, query string, limit int) ([]storage.Hit, error)
	// Get returns one record of any kind.
	Get(ctx context.Context, id string) (record.Record, error)
	// Count returns how many records of one kind the store holds.
	Count(ctx context.Context, kind record.Kind) (int, error)
	// Pending returns how many local changes wait to be synced.
	Pending(ctx context.Context) (int, error)
	// Create stores a new record, giving it an ID; a record with blocking
	// problems fails with a *record.ValidationError.
	Create(ctx context.Context, rec record.Record) error
	// Update replaces a stored record, matched by ID.
	Update(ctx context.Context, rec record.Record) error
	// Patch changes only the named fields of a stored record.
	Patch(ctx context.Context, kind record.Kind, id string, fields map[string]json.RawMessage) (record.Record, error)
	// FindDuplicates lists stored enterprises that may be e.
	FindDuplicates(ctx context.Context, e *record.Enterprise, mobiles []string) ([]storage.Duplicate, error)
	// Refer stores a referral and marks its enterprise 转介.
	Refer(ctx context.Context, ref *record.Referral) error
	// History lists the changes of one record, oldest first: when, who,
	// which fields (names only).
	History(ctx context.Context, id string) ([]storage.HistoryEntry, error)
}

// The real store must keep satisfying Services.
var _ Services = (*storage.Store)(nil)
