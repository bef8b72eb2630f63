//go:build !linux

package storage

// releasePages is a no-op where the store does not give pages back; see
// pages_linux.go.
func (s *Store) releasePages() {}
