// Package boltstore is the embedded server store: one bbolt file, no other
// set-up. bbolt has a single writer, so push transactions are serialised
// and sequence numbers (NextSequence of the index bucket) become visible
// strictly in order.
package boltstore
