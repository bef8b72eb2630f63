package store

import (
	"encoding/json"
	"fmt"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// PageLimit turns a requested page size into the one served.
func PageLimit(limit int) int {
	switch {
	case limit <= 0:
		return protocol.DefaultPage
	case limit > protocol.MaxPage:
		return protocol.MaxPage
	}
	return limit
}

// Page is one pull answer. Records hold each record's pull form
// (protocol.Record JSON), prepared when the record was written, so a pull
// copies bytes instead of decoding and re-encoding every record.
type Page struct {
	Records    []json.RawMessage
	NextCursor uint64
	HasMore    bool
}

// Decode returns the records in typed form (for tests and tools).
func (p Page) Decode() ([]protocol.Record, error) {
	out := make([]protocol.Record, len(p.Records))
	for i, raw := range p.Records {
		if err := json.Unmarshal(raw, &out[i]); err != nil {
			return nil, fmt.Errorf("record %d of page: %w", i, err)
		}
	}
	return out, nil
}

// Entry is one row of a pull index as a backend reads it.
type Entry struct {
	Kind string
	ID   string
	Seq  uint64
	// Wire is the record's pull form; unused when !Visible.
	Wire []byte
	// Visible is false when the caller's zone has lost the record: the
	// entry becomes a removal marker.
	Visible bool
	// Tomb marks a tombstone without open conflicts.
	Tomb bool
}

// BuildPage turns up to limit+1 index entries read in sequence order
// into a page. A device pulling from the start gets neither removal
// markers nor plain tombstones: it never had those records.
func BuildPage(entries []Entry, after uint64, limit int) Page {
	page := Page{Records: make([]json.RawMessage, 0, min(len(entries), limit)), NextCursor: after}
	if len(entries) > limit {
		entries, page.HasMore = entries[:limit], true
	}
	for _, e := range entries {
		page.NextCursor = e.Seq
		switch {
		case after == 0 && (!e.Visible || e.Tomb):
		case !e.Visible:
			marker, _ := json.Marshal(protocol.Record{Kind: e.Kind, ID: e.ID, Seq: e.Seq, Removed: true})
			page.Records = append(page.Records, marker)
		default:
			page.Records = append(page.Records, e.Wire)
		}
	}
	return page
}

// Tomb reports whether rec is a tombstone with nothing left to review.
func (r Record) Tomb() bool {
	return r.State.IsDeleted() && len(r.State.Conflicts()) == 0
}
