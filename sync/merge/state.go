package merge

import (
	"encoding/json"
	"sort"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// Field is the merged state of one field.
type Field struct {
	Value   json.RawMessage `json:"value"`
	Version string          `json:"version"`
	// Seen is the largest base stamp of any edit of this field: values
	// stamped at or before it were seen by some later editor, so losing
	// them is not a conflict.
	Seen string `json:"seen,omitempty"`
}

// State is the merged state of one record.
type State struct {
	Kind     string           `json:"kind"`
	ID       string           `json:"id"`
	Fields   map[string]Field `json:"fields,omitempty"`
	Deleted  string           `json:"deleted,omitempty"`
	Restored string           `json:"restored,omitempty"`
	// DeleteSeen holds, per field, the largest version any deleter's copy
	// had (the bases of delete changes): a field edited beyond it was not
	// seen by whoever deleted the record, so it is offered as a restore
	// even when its stamp is older than the delete. nil for deletes sent
	// without bases (older clients): then only the stamp order counts.
	DeleteSeen map[string]string `json:"delete_seen,omitempty"`
	// Losers are overwritten values not covered by a later base, sorted by
	// field and stamp. Conflicts filters them for display.
	Losers []protocol.Conflict `json:"losers,omitempty"`
}

// IsDeleted reports whether the record is a tombstone: deleted and not
// restored by a later stamp.
func (s State) IsDeleted() bool {
	return s.Deleted != "" && compareText(s.Deleted, s.Restored) > 0
}

// Values returns the current field values.
func (s State) Values() map[string]json.RawMessage {
	out := make(map[string]json.RawMessage, len(s.Fields))
	for k, f := range s.Fields {
		out[k] = f.Value
	}
	return out
}

// Versions returns the current field stamps.
func (s State) Versions() map[string]string {
	out := make(map[string]string, len(s.Fields))
	for k, f := range s.Fields {
		out[k] = f.Version
	}
	return out
}

// Conflicts returns what the user should review: losing values that
// differ from the field's current value, and, for a tombstone, every
// field edited after the delete (a restore offer). The result is sorted
// and the same on every replica holding the same state.
func (s State) Conflicts() []protocol.Conflict {
	var out []protocol.Conflict
	for _, l := range s.Losers {
		if f, ok := s.Fields[l.Field]; ok && string(f.Value) == string(l.Value) {
			continue
		}
		out = append(out, l)
	}
	if s.IsDeleted() {
		for _, name := range sortedKeys(s.Fields) {
			f := s.Fields[name]
			if s.unseenByDelete(name, f.Version) {
				out = append(out, conflict(s, name, f.Value, f.Version, protocol.ReasonAfterDelete))
			}
		}
	}
	return out
}

// unseenByDelete reports whether the field version was written after the
// delete or without the deleter having seen it.
func (s State) unseenByDelete(field, version string) bool {
	if compareText(version, s.Deleted) > 0 {
		return true
	}
	return s.DeleteSeen != nil && compareText(version, s.DeleteSeen[field]) > 0
}

// Record returns the wire form of the state.
func (s State) Record(seq uint64, zones []string) protocol.Record {
	r := protocol.Record{Kind: s.Kind, ID: s.ID, Seq: seq, Zones: zones,
		Fields: s.Values(), Versions: s.Versions(), Conflicts: s.Conflicts()}
	if s.IsDeleted() {
		r.Deleted = s.Deleted
	}
	return r
}

func (s State) clone() State {
	c := s
	c.Fields = make(map[string]Field, len(s.Fields))
	for k, f := range s.Fields {
		c.Fields[k] = f
	}
	c.Losers = append([]protocol.Conflict(nil), s.Losers...)
	if s.DeleteSeen != nil {
		c.DeleteSeen = make(map[string]string, len(s.DeleteSeen))
		for k, v := range s.DeleteSeen {
			c.DeleteSeen[k] = v
		}
	}
	return c
}

// conflict builds a conflict whose ID is derived from the record, field
// and losing stamp, so every replica names it the same.
func conflict(s State, field string, value json.RawMessage, version, reason string) protocol.Conflict {
	id := s.ID + "/" + field + "/" + version
	if reason == protocol.ReasonAfterDelete {
		id += "/restore"
	}
	return protocol.Conflict{ID: id, Kind: s.Kind, RecordID: s.ID, Field: field,
		Value: value, Version: version, Reason: reason}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
