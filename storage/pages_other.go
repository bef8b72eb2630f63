//go:build !linux

package storage

import bolt "go.etcd.io/bbolt"

// releasePages is a no-op where the store does not give pages back; see
// pages_linux.go.
func (s *Store) releasePages() {}

// releaseTxPages is a no-op, as releasePages.
func (s *Store) releaseTxPages(*bolt.Tx) error { return nil }
