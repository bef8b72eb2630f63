package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/shanhaifield/shanhai/record"
)

// metaFields are the JSON names of record.Meta. The store owns them: they
// are not user fields, so diffs, versions and patches skip them.
var metaFields = map[string]bool{"id": true, "created_at": true, "updated_at": true, "author": true, "versions": true}

// encodeRecord is the stored form of a record: its JSON.
func encodeRecord(rec record.Record) ([]byte, error) {
	data, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("encode %s %s: %w", rec.Kind(), rec.Header().ID, err)
	}
	return data, nil
}

// decodeRecord reads a stored record of the given kind.
func decodeRecord(kind record.Kind, data []byte) (record.Record, error) {
	rec := record.New(kind)
	if rec == nil {
		return nil, fmt.Errorf("decode record: unknown kind %q", kind)
	}
	if err := json.Unmarshal(data, rec); err != nil {
		return nil, fmt.Errorf("decode %s: %w", kind, err)
	}
	return rec, nil
}

// fieldsOf returns the record's user fields that hold a value, as JSON.
// An empty string, list, object or null counts as no value, so "cleared"
// and "never set" compare equal whatever the struct's omitempty tags say.
func fieldsOf(rec record.Record) (map[string]json.RawMessage, error) {
	data, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", rec.Kind(), err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("split %s into fields: %w", rec.Kind(), err)
	}
	for k, v := range m {
		if metaFields[k] || isEmptyJSON(v) {
			delete(m, k)
		}
	}
	return m, nil
}

// isEmptyJSON reports whether v is null, "", [], {} or false.
func isEmptyJSON(v json.RawMessage) bool {
	switch string(bytes.TrimSpace(v)) {
	case "", "null", `""`, "[]", "{}", "false":
		return true
	}
	return false
}

// changedFields lists, sorted, the fields whose value differs between
// two fieldsOf maps, including fields that were set and are now empty.
func changedFields(old, cur map[string]json.RawMessage) []string {
	var out []string
	for k, v := range cur {
		if o, ok := old[k]; !ok || !bytes.Equal(o, v) {
			out = append(out, k)
		}
	}
	for k := range old {
		if _, ok := cur[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// fieldNames returns the user-editable JSON field names of a kind.
func fieldNames(kind record.Kind) map[string]bool {
	names := map[string]bool{}
	for _, f := range kindFields()[kind] {
		names[f.name] = true
	}
	return names
}

// applyPatch returns a copy of old with the named fields replaced; a null
// value clears the field. Every field is checked on its own first, so an
// error names the field at fault.
func applyPatch(old record.Record, fields map[string]json.RawMessage) (record.Record, error) {
	kind := old.Kind()
	known := fieldNames(kind)
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if !known[name] {
			return nil, fmt.Errorf("patch %s: field %q: %w", kind, name, ErrUnknownField)
		}
		probe := record.New(kind)
		one, err := json.Marshal(map[string]json.RawMessage{name: fields[name]})
		if err != nil {
			return nil, fmt.Errorf("patch %s: field %q: %w", kind, name, err)
		}
		if err := json.Unmarshal(one, probe); err != nil {
			return nil, fmt.Errorf("patch %s: field %q: %w", kind, name, err)
		}
	}
	data, err := json.Marshal(old)
	if err != nil {
		return nil, fmt.Errorf("patch %s: %w", kind, err)
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, fmt.Errorf("patch %s: %w", kind, err)
	}
	for name, v := range fields {
		if isEmptyJSON(v) {
			delete(all, name)
		} else {
			all[name] = v
		}
	}
	merged, err := json.Marshal(all)
	if err != nil {
		return nil, fmt.Errorf("patch %s: %w", kind, err)
	}
	return decodeRecord(kind, merged)
}
