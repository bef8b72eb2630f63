package store

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// EncodeAudit returns the stored body of an audit entry: compact JSON
// without Seq, Prev and Hash (they live beside it). It is written by hand
// like EncodeRecord because a push writes one entry per change; field
// values were validated by the merge and are copied as they are.
func EncodeAudit(e AuditEntry) ([]byte, error) {
	size := 320 // the fixed keys, time, names and ids
	for _, c := range e.Changes {
		size += len(c.Field) + len(c.Old) + len(c.New) + 32
	}
	b := make([]byte, 0, size) // one allocation: a push encodes one entry per change
	b = append(b, `{"at":`...)
	b = strconv.AppendQuote(b, e.At.UTC().Format(time.RFC3339Nano))
	b = appendString(append(b, `,"user":`...), e.User)
	b = appendField(b, "zone", e.Zone)
	b = appendField(b, "role", string(e.Role))
	b = appendField(b, "remote", e.Remote)
	b = appendField(b, "client", e.Client)
	b = appendString(append(b, `,"action":`...), e.Action)
	b = appendField(b, "op", e.Op)
	b = appendField(b, "kind", e.Kind)
	b = appendField(b, "record", e.Record)
	if len(e.Zones) > 0 {
		b = appendStrings(append(b, `,"zones":`...), e.Zones)
	}
	b = appendField(b, "status", e.Status)
	b = appendField(b, "code", e.Code)
	if len(e.Changes) > 0 {
		b = append(b, `,"changes":[`...)
		for i, c := range e.Changes {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(append(b, `{"field":`...), c.Field)
			if len(c.Old) > 0 {
				b = append(append(b, `,"old":`...), c.Old...)
			}
			if len(c.New) > 0 {
				b = append(append(b, `,"new":`...), c.New...)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if e.From != 0 {
		b = strconv.AppendUint(append(b, `,"from":`...), e.From, 10)
	}
	if e.To != 0 {
		b = strconv.AppendUint(append(b, `,"to":`...), e.To, 10)
	}
	if e.Count != 0 {
		b = strconv.AppendInt(append(b, `,"count":`...), int64(e.Count), 10)
	}
	b = appendField(b, "detail", e.Detail)
	return append(b, '}'), nil
}

// DecodeAudit returns the entry a link holds, with its place in the
// chain.
func DecodeAudit(l AuditLink) (AuditEntry, error) {
	var e AuditEntry
	if err := json.Unmarshal(l.Data, &e); err != nil {
		return AuditEntry{}, fmt.Errorf("audit entry %d: %w", l.Seq, err)
	}
	e.Seq, e.Prev, e.Hash = l.Seq, l.Prev, l.Hash
	return e, nil
}
