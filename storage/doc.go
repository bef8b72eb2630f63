// Package storage is the local store of Shanhai Field: one bbolt file that
// holds the field records, their secondary indexes and the outbox of changes
// not yet acknowledged by the server.
//
// Every write runs in one bbolt transaction that updates the record, its
// indexes and the outbox together, so a crash at any point leaves either
// all of a write or none of it.
//
// Planned methods on *Store (see api.go for the types):
//
//	Open(ctx, path, Options) (*Store, error); DefaultDir() (string, error)
//	Close() error; Path() string
//	Create(ctx, rec record.Record) error       // assigns ID and Meta, validates, indexes, outbox
//	Update(ctx, rec record.Record) error       // full record; only changed fields get new versions
//	Patch(ctx, kind, id, map[string]json.RawMessage) (record.Record, error) // edit named fields
//	Get(ctx, id) (record.Record, error)        // any kind
//	Delete(ctx, id) error                      // enterprise delete cascades to children
//	List(ctx, kind, ListOptions) ([]record.Record, error)
//	Count(ctx, kind) (int, error)
//	Search(ctx, query, limit) ([]Hit, error)
//	FindDuplicates(ctx, *record.Enterprise, mobiles []string) ([]Duplicate, error)
//	Outbox(ctx, limit) ([]Change, error); Ack(ctx, seqs ...uint64) error; Pending(ctx) (int, error)
//	Doctor(ctx) ([]Inconsistency, error)
//	BulkCreate(ctx, []record.Record) error     // one transaction, same indexes and outbox
package storage
