// Package storage is the local store of Shanhai Field: one bbolt file that
// holds the field records, their secondary indexes and the outbox of changes
// not yet acknowledged by the server.
//
// Every write runs in one bbolt transaction that updates the record, its
// indexes, the outbox and the clock together, so a crash at any point leaves
// either all of a write or none of it (crash_test.go kills a writer with
// SIGKILL and checks exactly that).
//
// Layout (buckets at the top level of the file):
//
//	meta                 schema_version, node, hlc_last, migrated/NNNN
//	enterprise, contact, visit, project, task, referral, screening
//	                     ULID → record JSON
//	outbox               big-endian seq → Change JSON
//	tombstones           ULID → {kind, deleted_at, stamp}
//	idx_credit           credit code → enterprise ID (unique)
//	idx_children         entID \x00 kind \x00 childID
//	idx_stage            stage \x00 entID
//	idx_due              due \x00 taskID (open tasks only)
//	idx_name             record.NormalName(name) \x00 entID
//	idx_mobile           +86 mobile \x00 contactID; in an encrypted store
//	                     hex(HMAC of the mobile)[:32] \x00 contactID
//	idx_credit_dups      credit code \x00 entID (codes several pulled enterprises share)
//	sync_restore_offers  ULID → a pulled tombstone's fields while it is a restore offer
//	sync_reset_unseen    ULID → kind, during a re-download (BeginReset … FinishReset)
//
// In an encrypted store (meta wrapped_key present) every contact and
// visit value, and the outbox, conflict and rejected entries of those
// kinds, are sealed: 0x01 kind 0x00 box (docs/encryption.md).
//
// Methods on *Store (see api.go for the types):
//
//	Open(ctx, path, Options) (*Store, error); DefaultDir() (string, error); DefaultPath() (string, error)
//	Close() error; Path() string; Node() string
//	Create(ctx, rec record.Record) error       // assigns ID and Meta, validates, indexes, outbox
//	Update(ctx, rec record.Record) error       // full record; only changed fields get new versions
//	Patch(ctx, kind, id, map[string]json.RawMessage) (record.Record, error) // edit named fields
//	Get(ctx, id) (record.Record, error)        // any kind
//	Delete(ctx, id) error                      // enterprise delete cascades to children
//	Tombstone(ctx, id) (Tombstone, bool, error)
//	Erase(ctx, id) error; Erased(ctx, id) (bool, error) // real deletion (erase.go); an enterprise: its contacts
//	List(ctx, kind, ListOptions) ([]record.Record, error)
//	Count(ctx, kind) (int, error)
//	Search(ctx, query, limit) ([]Hit, error); BuildSearchIndex(ctx) error
//	FindDuplicates(ctx, *record.Enterprise, mobiles []string) ([]Duplicate, error)
//	Outbox(ctx, limit) ([]Change, error); Ack(ctx, seqs ...uint64) error; Pending(ctx) (int, error)
//	Doctor(ctx) ([]Inconsistency, error)
//	BulkCreate(ctx, []record.Record, ...BulkOptions) error // one transaction; KeepMeta for imports
//	Apply(ctx, creates, []PatchOp) error       // an import's creates and updates in one transaction
//	Refer(ctx, *record.Referral) error         // the referral and the enterprise's 转介 stage together
//	SyncState, UpdateSyncState, ApplyRemote, AckPush, Conflicts, Resolve, RejectedChanges // for sync/client
//	Encrypted() bool; ChangePassphrase(ctx, old, new) error
//	Backup(ctx, io.Writer, passphrase) error; RestoreBackup(ctx, io.Reader, passphrase, path) error
//	ProbeFile(ctx, path) (Probe, error); SetAside(path) (moved string, err error) // forgotten passphrase
//	BeginReset, FinishReset, CreditDuplicates  // re-download after 410; pulled duplicate credit codes
//
// The search index lives in memory. It is built from the records on the
// first Search, or earlier by BuildSearchIndex, which the app runs in the
// background after Open (about 2.4 s for 100k enterprises and 200k
// contacts); Open itself reads only the meta bucket.
package storage
