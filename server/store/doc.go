// Package store defines what the sync server keeps and how a push batch is
// applied, independent of the database: the Store interface (store.go),
// the shared batch logic that backends run inside their own transaction
// (apply.go), the zone scopes (scope.go) and role checks (roles.go), and
// the append-only, hash-chained audit log (audit*.go: entries, masking of
// personal values, encoding, queries, verification, export). Backends live
// in boltstore and pgstore; storetest checks both against the same
// contract.
package store
