package store

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"time"
)

// AuditQuery selects audit entries for an export. Zero fields select
// everything.
type AuditQuery struct {
	From, To time.Time // From inclusive, To exclusive
	User     string
	Record   string
	// Zone, when set, keeps the entries of that zone: by a user of the
	// zone or about a record visible to it (a manager's export).
	Zone string
}

// Match reports whether e is selected by q.
func (q AuditQuery) Match(e AuditEntry) bool {
	switch {
	case !q.From.IsZero() && e.At.Before(q.From):
		return false
	case !q.To.IsZero() && !e.At.Before(q.To):
		return false
	case q.User != "" && e.User != q.User:
		return false
	case q.Record != "" && e.Record != q.Record:
		return false
	case q.Zone != "" && e.Zone != q.Zone && !slices.Contains(e.Zones, q.Zone):
		return false
	}
	return true
}

// auditChunk is how many entries one read transaction returns, so an
// export to a slow client never holds a transaction open for long.
const auditChunk = 1000

// EachAudit calls fn for every entry q selects, in sequence order.
func EachAudit(ctx context.Context, a Auditor, q AuditQuery, fn func(AuditEntry) error) error {
	var after uint64
	for {
		links, err := a.AuditLinks(ctx, after, auditChunk)
		if err != nil {
			return err
		}
		for _, l := range links {
			e, err := DecodeAudit(l)
			if err != nil {
				return err
			}
			if q.Match(e) {
				if err := fn(e); err != nil {
					return err
				}
			}
			after = l.Seq
		}
		if len(links) < auditChunk {
			return nil
		}
	}
}

// ChainReport is what VerifyAudit found.
type ChainReport struct {
	Entries uint64 // entries checked
	Head    []byte // hash of the last entry: note it somewhere else to anchor the chain
}

// VerifyAudit walks the whole log and checks that the sequence has no
// gap, each entry's Prev is the hash of the entry before, and each Hash
// matches the stored bytes. The first broken entry is named in the error.
func VerifyAudit(ctx context.Context, a Auditor) (ChainReport, error) {
	prev, want := ZeroHash, uint64(1)
	var n uint64
	for {
		links, err := a.AuditLinks(ctx, want-1, auditChunk)
		if err != nil {
			return ChainReport{}, err
		}
		for _, l := range links {
			switch {
			case l.Seq != want:
				return ChainReport{}, fmt.Errorf("audit entry %d is missing (next stored is %d): entries were removed", want, l.Seq)
			case !bytes.Equal(l.Prev, prev):
				return ChainReport{}, fmt.Errorf("audit entry %d: previous-hash link broken: an entry before it was changed or removed", l.Seq)
			case !bytes.Equal(l.Hash, ChainHash(l.Prev, l.Seq, l.Data)):
				return ChainReport{}, fmt.Errorf("audit entry %d: hash does not match its content: the entry was changed", l.Seq)
			}
			prev, want, n = l.Hash, want+1, n+1
		}
		if len(links) < auditChunk {
			return ChainReport{Entries: n, Head: prev}, nil
		}
	}
}
