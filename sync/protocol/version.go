package protocol

// Version is the protocol version this build speaks. A request whose
// Header differs is refused with 426 Upgrade Required.
const Version = 1

// Header names the HTTP header that carries the protocol version on every
// /v1 request.
const Header = "X-Shanhai-Protocol"

// Limits a server enforces; clients should stay below them.
const (
	// MaxBatch is the most changes one push may carry.
	MaxBatch = 1000
	// DefaultPage is the pull page size when the client names none.
	DefaultPage = 500
	// MaxPage is the largest pull page a server returns.
	MaxPage = 2000
)

// CodeResetRequired is the error code of 410 Gone on a pull whose cursor
// is older than the server's tombstone retention: the client pulls again
// from cursor 0 and keeps (and re-sends) its unsent edits.
const CodeResetRequired = "reset_required"

// CodeOutOfOrder is the error code of 409 Conflict on a push whose After
// batch the server has not applied (it waited a while for it): the
// client sends its outbox again from the start, one batch at a time.
const CodeOutOfOrder = "out_of_order"
