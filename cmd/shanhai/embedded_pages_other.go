//go:build !linux

package main

// releaseEmbeddedPages does nothing outside Linux: the executable's
// pages are left to the system.
func releaseEmbeddedPages(bufs ...[]byte) (int, error) { return 0, nil }
