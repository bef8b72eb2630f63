package store

import (
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/shanhaifield/shanhai/sync/merge"
)

// Records are encoded by hand on the write path: encoding/json sorts map
// keys through reflection and re-validates every json.RawMessage, which
// was half the cost of a push. Field values were compacted and validated
// by the merge, so they are copied as they are. The output decodes with
// encoding/json into the same types (see encode_test.go).

// EncodeRecord returns the stored JSON form of rec.
func EncodeRecord(rec Record) ([]byte, error) {
	b := make([]byte, 0, 1024)
	b = append(b, `{"state":`...)
	b, err := appendState(b, rec.State)
	if err != nil {
		return nil, err
	}
	b = appendStrings(append(b, `,"zones":`...), rec.Zones)
	if len(rec.Gone) > 0 {
		b = appendStrings(append(b, `,"gone":`...), rec.Gone)
	}
	b = appendField(b, "parent", rec.Parent)
	b = appendField(b, "home", rec.Home)
	if len(rec.Shared) > 0 {
		b = appendStrings(append(b, `,"shared":`...), rec.Shared)
	}
	b = strconv.AppendUint(append(b, `,"seq":`...), rec.Seq, 10)
	b = appendField(b, "erased", rec.Erased)
	b = appendField(b, "author", rec.Author)
	return append(b, '}'), nil
}

func appendState(b []byte, s merge.State) ([]byte, error) {
	b = appendString(append(b, `{"kind":`...), s.Kind)
	b = appendString(append(b, `,"id":`...), s.ID)
	if len(s.Fields) > 0 {
		b = append(b, `,"fields":{`...)
		for i, k := range sortedKeys(s.Fields) {
			f := s.Fields[k]
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(append(append(b, `:{"value":`...), f.Value...), `,"version":`...)
			b = appendString(b, f.Version)
			b = appendField(b, "seen", f.Seen)
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	b = appendField(b, "deleted", s.Deleted)
	b = appendField(b, "restored", s.Restored)
	if len(s.DeleteSeen) > 0 {
		b = append(b, `,"delete_seen":{`...)
		for i, k := range sortedKeys(s.DeleteSeen) {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(append(appendString(b, k), ':'), s.DeleteSeen[k])
		}
		b = append(b, '}')
	}
	if len(s.Losers) > 0 {
		losers, err := json.Marshal(s.Losers)
		if err != nil {
			return nil, err
		}
		b = append(append(b, `,"losers":`...), losers...)
	}
	return append(b, '}'), nil
}

// Wire returns the pull form of rec (protocol.Record JSON) that backends
// store beside it.
func Wire(rec Record) ([]byte, error) {
	s := rec.State
	b := make([]byte, 0, 1024)
	b = appendString(append(b, `{"kind":`...), s.Kind)
	b = appendString(append(b, `,"id":`...), s.ID)
	b = strconv.AppendUint(append(b, `,"seq":`...), rec.Seq, 10)
	if len(rec.Zones) > 0 {
		b = appendStrings(append(b, `,"zones":`...), rec.Zones)
	}
	keys := sortedKeys(s.Fields)
	if len(keys) > 0 {
		b = append(b, `,"fields":{`...)
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(append(appendString(b, k), ':'), s.Fields[k].Value...)
		}
		b = append(b, `},"versions":{`...)
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(append(appendString(b, k), ':'), s.Fields[k].Version)
		}
		b = append(b, '}')
	}
	if s.IsDeleted() {
		b = appendField(b, "deleted", s.Deleted)
	}
	b = appendField(b, "erased", rec.Erased)
	b = appendField(b, "author", rec.Author)
	if cs := s.Conflicts(); len(cs) > 0 {
		raw, err := json.Marshal(cs)
		if err != nil {
			return nil, err
		}
		b = append(append(b, `,"conflicts":`...), raw...)
	}
	return append(b, '}'), nil
}

// appendField appends ,"name":"v" when v is not empty (omitempty).
func appendField(b []byte, name, v string) []byte {
	if v == "" {
		return b
	}
	return appendString(append(append(append(b, `,"`...), name...), `":`...), v)
}

func appendStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendString quotes s; strings that need escaping go through
// encoding/json.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c >= 0x80 {
			if c >= 0x80 && plainUTF8(s[i:]) {
				break
			}
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}

// plainUTF8 reports whether s needs no escaping: valid UTF-8 without
// control, quote, backslash or HTML characters, and without U+2028/2029
// (which encoding/json escapes).
func plainUTF8(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == '"' || r == '\\' || r == '<' || r == '>' || r == '&' || r == '\u2028' || r == '\u2029' {
			return false
		}
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
