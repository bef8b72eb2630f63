package boltstore

import bolt "go.etcd.io/bbolt"

// Page fill of the buckets a push writes. bbolt splits a page at half
// its size by default, which suits keys arriving in random order; the
// keys a push adds mostly grow instead (sequence numbers always,
// record and mutation IDs are ULIDs, time-ordered per client), so half
// full pages would stay half full and every commit would write about
// twice the pages it needs.
const (
	// fillAppend is for keys that only ever grow: big-endian sequence
	// numbers (the pull indexes and the audit log).
	fillAppend = 0.95
	// fillMostly is for ULID keys: time-ordered per client, interleaved
	// between clients and sometimes old (an edit made long ago offline),
	// so a page keeps some room for a key landing inside it.
	fillMostly = 0.9
)

// dense sets the fill of a push's buckets for this transaction (bbolt
// keeps FillPercent on the cached bucket handle, not in the file).
func dense(btx *bolt.Tx) {
	btx.Bucket(bSeq).FillPercent = fillAppend
	btx.Bucket(bRecords).FillPercent = fillMostly
	btx.Bucket(bWire).FillPercent = fillMostly
	btx.Bucket(bMutations).FillPercent = fillMostly
}
