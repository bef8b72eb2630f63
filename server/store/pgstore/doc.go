// Package pgstore is the production server store on PostgreSQL (pgx).
// Several server processes may share one database: the token secret,
// login attempt counters, mutation results and the change sequence all
// live in it.
//
// Sequence numbers: every push transaction first locks the single row of
// the counters table (SELECT … FOR UPDATE) and numbers its changes from
// it. The lock is held until commit, so a push can only take numbers after
// the previous holder has committed (or rolled back, which also rolls the
// counter back): committed sequence numbers always form a gap-free
// prefix, and a reader that stored cursor N can never later see a commit
// with a number ≤ N appear. A plain bigserial does not give this: two
// transactions draw 10 and 11, 11 commits first, a reader pulls, stores
// cursor 11 and skips 10 forever. The price is that pushes are serialised
// (as on bbolt); pulls never take the lock and run in parallel. The lock
// also serialises read-merge-write of a record, so concurrent edits of one
// record cannot overwrite each other.
package pgstore
