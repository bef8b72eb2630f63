package client

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// appendPushHead writes the start of a push request, up to the opening
// bracket of its changes; each change follows as appendChange writes it
// (what encoding/json would write, without reflection and without
// re-validating field values already valid in the outbox) or as the
// outbox stores it, and `]}` closes the request.
func appendPushHead(b []byte, clientID, batchID, after string) []byte {
	b = appendString(append(b, `{"client_id":`...), clientID)
	if batchID != "" {
		b = appendString(append(b, `,"batch_id":`...), batchID)
	}
	if after != "" {
		b = appendString(append(b, `,"after":`...), after)
	}
	return append(b, `,"changes":[`...)
}

func appendChange(b []byte, c protocol.Change) ([]byte, error) {
	b = append(b, '{')
	if c.ClientSeq != 0 {
		b = strconv.AppendUint(append(b, `"seq":`...), c.ClientSeq, 10)
		b = append(b, ',')
	}
	b = appendString(append(b, `"mutation_id":`...), c.MutationID)
	b = appendString(append(b, `,"kind":`...), c.Kind)
	b = appendString(append(b, `,"record_id":`...), c.RecordID)
	b = appendString(append(b, `,"op":`...), string(c.Op))
	b = appendMap(b, "fields", c.Fields, func(b []byte, v json.RawMessage) []byte {
		if len(v) == 0 {
			return append(b, "null"...)
		}
		return append(b, v...)
	})
	b = appendMap(b, "versions", c.Versions, appendString)
	b = appendMap(b, "bases", c.Bases, appendString)
	if !c.At.IsZero() {
		at, err := c.At.MarshalJSON()
		if err != nil {
			return nil, err
		}
		b = append(append(b, `,"at":`...), at...)
	}
	if c.Author != "" {
		b = appendString(append(b, `,"author":`...), c.Author)
	}
	return append(b, '}'), nil
}

// appendMap appends `,"name":{…}` with sorted keys, or nothing when m is
// empty (omitempty).
func appendMap[V any](b []byte, name string, m map[string]V, value func([]byte, V) []byte) []byte {
	if len(m) == 0 {
		return b
	}
	b = append(append(append(b, `,"`...), name...), `":{`...)
	for i, k := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendString(b, k), ':')
		b = value(b, m[k])
	}
	return append(b, '}')
}

// appendString quotes s; a string that needs escaping (or is not valid
// UTF-8) goes through encoding/json.
func appendString(b []byte, s string) []byte {
	plain := utf8.ValidString(s)
	for i := 0; plain && i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			plain = false
		}
	}
	if plain && containsLineSep(s) {
		plain = false
	}
	if !plain {
		q, _ := json.Marshal(s)
		return append(b, q...)
	}
	return append(append(append(b, '"'), s...), '"')
}

// containsLineSep reports U+2028 or U+2029, which encoding/json escapes.
func containsLineSep(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i] == 0xE2 && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
			return true
		}
	}
	return false
}
