package storage

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/shanhaifield/shanhai/record"
)

// fieldInfo is one user field of a record struct.
type fieldInfo struct {
	index int
	name  string // JSON name
}

// kindFields lists every kind's user fields in struct order; computed once
// and only read afterwards.
var kindFields = sync.OnceValue(func() map[record.Kind][]fieldInfo {
	out := map[record.Kind][]fieldInfo{}
	for _, k := range record.Kinds {
		t := reflect.TypeOf(record.New(k)).Elem()
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Anonymous || !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" {
				name = f.Name
			}
			if name != "-" {
				out[k] = append(out[k], fieldInfo{index: i, name: name})
			}
		}
	}
	return out
})

// presentFields returns the JSON of every user field that holds a value:
// the same result as fieldsOf, without encoding and re-parsing the whole
// record, which matters when a bulk import creates 300 000 records.
func presentFields(rec record.Record) (map[string]json.RawMessage, error) {
	infos, ok := kindFields()[rec.Kind()]
	if !ok {
		return fieldsOf(rec) // a kind added after start-up; the slow path is right too
	}
	v := reflect.ValueOf(rec).Elem()
	out := make(map[string]json.RawMessage, len(infos))
	for _, fi := range infos {
		f := v.Field(fi.index)
		switch f.Kind() {
		case reflect.String:
			if f.Len() > 0 {
				out[fi.name] = appendJSONString(nil, f.String())
			}
			continue
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
			if f.IsNil() || (f.Kind() != reflect.Pointer && f.Kind() != reflect.Interface && f.Len() == 0) {
				continue
			}
		case reflect.Bool:
			if f.Bool() {
				out[fi.name] = json.RawMessage("true")
			}
			continue
		}
		data, err := json.Marshal(f.Interface())
		if err != nil {
			return nil, fmt.Errorf("encode %s field %s: %w", rec.Kind(), fi.name, err)
		}
		if !isEmptyJSON(data) {
			out[fi.name] = data
		}
	}
	return out, nil
}

// appendJSONString appends s quoted exactly as encoding/json writes it:
// plain text is copied, anything it would escape goes through it.
func appendJSONString(dst []byte, s string) []byte {
	if needsEscape(s) {
		data, _ := json.Marshal(s) // a string always encodes
		return append(dst, data...)
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// needsEscape reports whether encoding/json would change any byte of s:
// control characters, quote, backslash, the HTML characters <, >, &,
// invalid UTF-8 and the line separators U+2028 and U+2029.
func needsEscape(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return true
		}
		i += size
	}
	return false
}
