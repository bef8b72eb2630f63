// Package sealing provides the cryptography of encryption at rest: a
// random data key wrapped by a key derived from the user's passphrase
// (argon2id), authenticated encryption of stored values under the data
// key (XChaCha20-Poly1305, a random nonce per value, the value's place as
// associated data), a keyed MAC for blind index keys, and a chunked
// authenticated stream for backup files.
//
// It knows nothing of the store: package storage decides what is sealed
// and with which associated data. docs/encryption.md describes the
// formats.
package sealing
