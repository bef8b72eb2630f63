// Package client is the laptop side of the Shanhai sync protocol
// (docs/sync-protocol.md): log in, push the outbox in idempotent batches,
// pull pages after the stored cursor, and keep doing so in the background
// with backoff. Every outbox entry stays until the server has answered
// for it.
package client
