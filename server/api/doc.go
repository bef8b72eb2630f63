// Package api is the HTTP face of the sync server: /v1/login, /v1/push and
// /v1/pull as described in docs/sync-protocol.md, plus /healthz and
// /metrics. Every /v1 request must carry the protocol version header;
// bodies may be gzip-compressed both ways.
package api
