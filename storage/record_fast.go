package storage

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shanhaifield/shanhai/record"
)

// An initial pull decodes every pulled record from the JSON buildRecord
// writes; encoding/json spent a third of the client's CPU there. The
// values are already separate (one raw JSON value per field), so
// fastRecord sets the struct fields from them directly: strings,
// numbers, booleans and string lists in their plain form, any other
// value with encoding/json for that field alone. Whenever the outcome
// could differ from decoding the whole stored JSON with encoding/json (a
// key that is not exactly a field's JSON name, a value that does not fit
// its field), it gives up and buildRecord decodes as before. The fuzz
// test FuzzFastRecord checks the two agree.

// fastKind says how a struct field's value is decoded.
type fastKind uint8

const (
	fastOther    fastKind = iota // encoding/json for this field alone
	fastString                   // a string type
	fastBool                     // a bool
	fastIntPtr                   // *int
	fastFloatPtr                 // *float64
	fastStrings                  // []string
)

// fastField is one JSON-named field of a record struct.
type fastField struct {
	index []int
	kind  fastKind
}

// fastTables maps each record kind to its fields by JSON name; built
// once at start-up and only read afterwards.
var fastTables = buildFastTables()

func buildFastTables() map[record.Kind]map[string]fastField {
	out := map[record.Kind]map[string]fastField{}
	for _, k := range record.Kinds {
		t := reflect.TypeOf(record.New(k)).Elem()
		fields := map[string]fastField{}
		for _, sf := range reflect.VisibleFields(t) {
			if !sf.IsExported() || sf.Anonymous || len(sf.Index) != 1 {
				continue // Meta's fields come from remoteMeta
			}
			name, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if name == "" || name == "-" || strings.Contains(opts, "string") {
				continue // not in the fast form: such a key goes the slow way
			}
			fields[name] = fastField{index: sf.Index, kind: fastKindOf(sf.Type)}
		}
		out[k] = fields
	}
	return out
}

func fastKindOf(t reflect.Type) fastKind {
	if reflect.PointerTo(t).Implements(reflect.TypeFor[json.Unmarshaler]()) {
		return fastOther
	}
	switch {
	case t.Kind() == reflect.String:
		return fastString
	case t.Kind() == reflect.Bool:
		return fastBool
	case t == reflect.TypeFor[*int]():
		return fastIntPtr
	case t == reflect.TypeFor[*float64]():
		return fastFloatPtr
	case t == reflect.TypeFor[[]string]():
		return fastStrings
	}
	return fastOther
}

// fastRecord is decodeRecord(kind, recordJSON(m, fields)) for fields in
// the plain form; ok is false where it cannot be sure of the same
// outcome.
func fastRecord(kind record.Kind, m remoteMeta, fields map[string]json.RawMessage) (record.Record, bool) {
	table := fastTables[kind]
	if table == nil {
		return nil, false
	}
	if !plainMeta(m) {
		return nil, false
	}
	rec := record.New(kind)
	h := rec.Header()
	h.ID, h.CreatedAt, h.UpdatedAt, h.Author = m.id, m.created, m.updated, m.author
	if len(m.versions) > 0 {
		h.Versions = m.versions // see remoteMeta: not copied
	}
	v := reflect.ValueOf(rec).Elem()
	for k, raw := range fields {
		if !storedField(k, raw) {
			continue // not in the stored JSON either
		}
		f, ok := table[k]
		if !ok || !setFast(v.Field(f.index[0]), f.kind, raw) {
			return nil, false
		}
	}
	return rec, true
}

// plainMeta reports whether m comes back unchanged from its JSON: UTC
// times (a decoded "Z" time is UTC) and valid UTF-8 (encoding/json
// replaces invalid bytes).
func plainMeta(m remoteMeta) bool {
	if m.created.Location() != time.UTC || m.updated.Location() != time.UTC ||
		!utf8.ValidString(m.id) || !utf8.ValidString(m.author) {
		return false
	}
	last := "" // fields changed together share a stamp
	for k, v := range m.versions {
		if !utf8.ValidString(k) || (v != last && !utf8.ValidString(v)) {
			return false
		}
		last = v
	}
	return true
}

// setFast decodes raw into the field fv as encoding/json would; false
// when raw is not in the plain form of its kind or does not fit.
func setFast(fv reflect.Value, kind fastKind, raw []byte) bool {
	switch kind {
	case fastString:
		s, ok := plainString(raw)
		if !ok {
			break
		}
		fv.SetString(s)
		return true
	case fastBool:
		switch string(raw) {
		case "true":
			fv.SetBool(true)
			return true
		case "false":
			fv.SetBool(false)
			return true
		}
		return false
	case fastIntPtr:
		if !jsonNumber(raw) {
			return false
		}
		n, err := strconv.ParseInt(string(raw), 10, strconv.IntSize)
		if err != nil {
			return false // a fraction, exponent or overflow: not an int
		}
		i := int(n)
		fv.Set(reflect.ValueOf(&i))
		return true
	case fastFloatPtr:
		if !jsonNumber(raw) {
			return false
		}
		n, err := strconv.ParseFloat(string(raw), 64)
		if err != nil {
			return false
		}
		fv.Set(reflect.ValueOf(&n))
		return true
	case fastStrings:
		if list, ok := plainStrings(raw); ok {
			fv.Set(reflect.ValueOf(list))
			return true
		}
	}
	// Escapes, other types: encoding/json, for this value only.
	return json.Unmarshal(raw, fv.Addr().Interface()) == nil
}

// plainString reads a JSON string without escapes or invalid UTF-8 (the
// two cases where encoding/json changes bytes).
func plainString(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	body := raw[1 : len(raw)-1]
	for _, c := range body {
		if c < 0x20 || c == '"' || c == '\\' {
			return "", false
		}
	}
	if !utf8.Valid(body) {
		return "", false
	}
	return string(body), true
}

// plainStrings reads a JSON array of plain strings, without spaces.
func plainStrings(raw []byte) ([]string, bool) {
	if len(raw) < 2 || raw[0] != '[' || raw[len(raw)-1] != ']' {
		return nil, false
	}
	out := []string{}
	rest := raw[1 : len(raw)-1]
	for len(rest) > 0 {
		if rest[0] != '"' {
			return nil, false
		}
		end := 1
		for end < len(rest) && rest[end] != '"' {
			end++
		}
		if end == len(rest) {
			return nil, false
		}
		s, ok := plainString(rest[:end+1])
		if !ok {
			return nil, false
		}
		out = append(out, s)
		rest = rest[end+1:]
		if len(rest) > 0 {
			if rest[0] != ',' || len(rest) == 1 {
				return nil, false
			}
			rest = rest[1:]
		}
	}
	return out, true
}

// jsonNumber reports whether raw is a number in JSON's grammar
// (strconv accepts more: "+1", "01", "0x1", "Inf", underscores).
func jsonNumber(raw []byte) bool {
	i := 0
	if i < len(raw) && raw[i] == '-' {
		i++
	}
	switch {
	case i < len(raw) && raw[i] == '0':
		i++
	case i < len(raw) && raw[i] >= '1' && raw[i] <= '9':
		for i < len(raw) && raw[i] >= '0' && raw[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(raw) && raw[i] == '.' {
		i++
		if i == len(raw) || raw[i] < '0' || raw[i] > '9' {
			return false
		}
		for i < len(raw) && raw[i] >= '0' && raw[i] <= '9' {
			i++
		}
	}
	if i < len(raw) && (raw[i] == 'e' || raw[i] == 'E') {
		i++
		if i < len(raw) && (raw[i] == '+' || raw[i] == '-') {
			i++
		}
		if i == len(raw) || raw[i] < '0' || raw[i] > '9' {
			return false
		}
		for i < len(raw) && raw[i] >= '0' && raw[i] <= '9' {
			i++
		}
	}
	return i == len(raw)
}
