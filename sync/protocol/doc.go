// Package protocol holds the wire types of the Shanhai sync protocol
// (docs/sync-protocol.md): what a client pushes, what the server answers,
// and what a pull page carries. Client and server both import it, so the
// JSON shape is defined once.
package protocol
