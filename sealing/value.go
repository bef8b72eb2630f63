package sealing

import (
	"crypto/rand"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// Sealed-value format, version 1:
//
//	version 1 | nonce (24, random) | ciphertext | tag (16)
//
// The associated data is not stored: the caller passes the value's place
// (for the store: bucket and key), so a value moved elsewhere fails to open.
const valueVersion = 1

// Overhead is how many bytes Seal adds to a value.
const Overhead = 1 + chacha20poly1305.NonceSizeX + chacha20poly1305.Overhead

// ErrOpen: a sealed value does not authenticate under this key and
// associated data: damaged, moved, or sealed under another key.
var ErrOpen = errors.New("sealed value does not authenticate")

// Seal appends the sealed form of plain to dst.
func (k *Keys) Seal(dst, plain, ad []byte) []byte {
	dst = append(dst, valueVersion)
	start := len(dst)
	dst = append(dst, make([]byte, chacha20poly1305.NonceSizeX)...)
	nonce := dst[start:]
	_, _ = rand.Read(nonce) // crypto/rand.Read never fails on supported platforms
	return k.aead.Seal(dst, nonce, plain, ad)
}

// Open appends the plaintext of a sealed value to dst.
func (k *Keys) Open(dst, sealed, ad []byte) ([]byte, error) {
	if len(sealed) < Overhead {
		return nil, fmt.Errorf("sealed value: %d bytes, want at least %d: %w", len(sealed), Overhead, ErrFormat)
	}
	if sealed[0] != valueVersion {
		return nil, fmt.Errorf("sealed value: version %d, want %d: %w", sealed[0], valueVersion, ErrFormat)
	}
	nonce := sealed[1 : 1+chacha20poly1305.NonceSizeX]
	out, err := k.aead.Open(dst, nonce, sealed[1+chacha20poly1305.NonceSizeX:], ad)
	if err != nil {
		return nil, ErrOpen
	}
	return out, nil
}
