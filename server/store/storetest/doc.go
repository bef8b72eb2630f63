// Package storetest is the conformance suite every store.Store backend
// passes: call Run from the backend's tests with a constructor that opens
// a fresh, isolated store.
package storetest
