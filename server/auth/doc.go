// Package auth signs users in: argon2id password hashes, HMAC-signed
// expiring tokens that any server process sharing the store can verify
// (the key lives in the store), and a login rate limit counted in the
// store so it holds across processes.
package auth
