package protocol

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"unicode/utf8"
)

// The fast decoders below read the JSON that this program's clients and
// server write (known keys, plain strings, valid values) without
// reflection, and give up (ok false) on anything else: escapes in keys
// or IDs, unknown or repeated keys, nulls, invalid input. The caller then
// decodes with encoding/json, so the outcome is always what encoding/json
// gives; tests and fuzzing check that. Field values are not copied: they
// alias the body, which the caller must not reuse. Decoding was a third
// of the time of an initial push on the server and of an initial pull on
// the client.

// FastPush decodes a push body in the plain form; it does not Validate.
func FastPush(body []byte) (PushRequest, bool) { return fastPush(body) }

// FastPull decodes a pull page in the plain form.
func FastPull(body []byte) (PullResponse, bool) {
	var page PullResponse
	s := &scanner{b: body}
	err := s.members(pullKeys, func(key string) error {
		var err error
		switch key {
		case "records":
			page.Records, err = s.records()
		case "next_cursor":
			page.NextCursor, err = s.uint()
		case "has_more":
			page.HasMore, err = s.boolean()
		case "server_time":
			var t uint64
			t, err = s.uint()
			page.ServerTime = int64(t)
			if t > 1<<62 {
				err = errSlow
			}
		default:
			return errSlow
		}
		return err
	})
	if s.space(); s.i != len(s.b) {
		return page, false // json.Unmarshal refuses trailing data
	}
	return page, err == nil
}

func (s *scanner) records() ([]Record, error) { return arrayOf(s, s.record) }

// arrayOf reads a JSON array whose elements one reads. The result is
// never nil (an empty array decodes to an empty slice, as encoding/json).
func arrayOf[T any](s *scanner, one func() (T, error)) ([]T, error) {
	out := []T{}
	err := s.array(func() error {
		v, err := one()
		out = append(out, v)
		return err
	})
	return out, err
}

// The keys each fast decoder reads. A record's conflicts are rare and
// left to encoding/json.
var (
	pullKeys   = newKeySet("records", "next_cursor", "has_more", "server_time")
	pushKeys   = newKeySet("client_id", "batch_id", "after", "changes")
	recordKeys = newKeySet("kind", "id", "seq", "zones", "fields", "versions", "deleted", "removed", "erased", "author")
	changeKeys = newKeySet("seq", "mutation_id", "kind", "record_id", "op", "author", "at", "fields", "versions", "bases")
)

// keySet gives each key an object may hold its own bit, so members finds
// a repeated key with a bit set per object instead of a map per object.
type keySet map[string]uint16

// newKeySet numbers keys; at most 16.
func newKeySet(keys ...string) keySet {
	set := make(keySet, len(keys))
	for i, k := range keys {
		set[k] = 1 << i
	}
	return set
}

// members reads an object as object does, but gives up (errSlow) on a
// key outside set or a repeated one: encoding/json decides those.
func (s *scanner) members(set keySet, member func(key string) error) error {
	var seen uint16
	return s.object(func(key string) error {
		bit := set[key]
		if bit == 0 || seen&bit != 0 {
			return errSlow
		}
		seen |= bit
		return member(key)
	})
}

func (s *scanner) record() (Record, error) {
	var r Record
	err := s.members(recordKeys, func(key string) error {
		var err error
		switch key {
		case "kind":
			r.Kind, err = s.str()
		case "id":
			r.ID, err = s.str()
		case "seq":
			r.Seq, err = s.uint()
		case "zones":
			r.Zones, err = arrayOf(s, s.str)
		case "fields":
			r.Fields, err = s.rawMap()
		case "versions":
			r.Versions, err = s.strMap()
		case "deleted":
			r.Deleted, err = s.str()
		case "removed":
			r.Removed, err = s.boolean()
		case "erased":
			r.Erased, err = s.str()
		case "author":
			r.Author, err = s.str()
		default:
			return errSlow
		}
		return err
	})
	return r, err
}

func (s *scanner) rawMap() (map[string]json.RawMessage, error) {
	m := make(map[string]json.RawMessage, s.mapHint)
	err := s.object(func(k string) error {
		v, err := s.raw()
		m[k] = v
		return err
	})
	s.mapHint = min(len(m), maxMapHint)
	return m, err
}

// array reads [value, …], calling elem with the scanner at each value.
func (s *scanner) array(elem func() error) error {
	if err := s.expect('['); err != nil {
		return err
	}
	if s.peek() == ']' {
		s.i++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		switch s.next() {
		case ',':
		case ']':
			return nil
		default:
			return errSlow
		}
	}
}

func (s *scanner) boolean() (bool, error) {
	s.space()
	switch {
	case bytes.HasPrefix(s.b[s.i:], []byte("true")):
		s.i += 4
		return true, nil
	case bytes.HasPrefix(s.b[s.i:], []byte("false")):
		s.i += 5
		return false, nil
	}
	return false, errSlow
}

// errSlow sends a body to encoding/json.
var errSlow = errors.New("not in the fast form")

type scanner struct {
	b []byte
	i int
	// keys holds the object keys read so far, so that the same field
	// names in a thousand changes or records are one string each;
	// last is the last string map value (a change's fields usually
	// share one stamp).
	keys map[string]string
	last string
	// mapHint sizes the next map: the fields and versions of one record
	// are usually as many as the previous one's, and a map made to size
	// never grows.
	mapHint int
}

// maxMapHint bounds mapHint, so one huge map does not make every later
// one huge.
const maxMapHint = 64

// maxKeys bounds keys: a body with many distinct keys gets fresh
// strings past it.
const maxKeys = 512

// key reads an object key like str, reusing an earlier equal string.
func (s *scanner) key() (string, error) {
	start := s.i
	v, err := s.plain()
	if err != nil {
		s.i = start
		return "", err
	}
	if k, ok := s.keys[string(v)]; ok {
		return k, nil
	}
	k := string(v)
	if s.keys == nil {
		s.keys = make(map[string]string, 64)
	}
	if len(s.keys) < maxKeys {
		s.keys[k] = k
	}
	return k, nil
}

// same reads a string like str, reusing the previous value when equal.
func (s *scanner) same() (string, error) {
	start := s.i
	v, err := s.plain()
	if err != nil {
		s.i = start
		return "", err
	}
	if string(v) != s.last {
		s.last = string(v)
	}
	return s.last, nil
}

// fastPush decodes body when it is in the plain form; ok is false
// otherwise.
func fastPush(body []byte) (req PushRequest, ok bool) {
	s := &scanner{b: body}
	err := s.members(pushKeys, func(key string) error {
		var err error
		switch key {
		case "client_id":
			req.ClientID, err = s.str()
		case "batch_id":
			req.BatchID, err = s.str()
		case "after":
			req.After, err = s.str()
		case "changes":
			req.Changes, err = s.changes()
		default:
			return errSlow
		}
		return err
	})
	return req, err == nil
}

func (s *scanner) changes() ([]Change, error) { return arrayOf(s, s.change) }

func (s *scanner) change() (Change, error) {
	var c Change
	err := s.members(changeKeys, func(key string) error {
		var err error
		switch key {
		case "seq":
			c.ClientSeq, err = s.uint()
		case "mutation_id":
			c.MutationID, err = s.str()
		case "kind":
			c.Kind, err = s.str()
		case "record_id":
			c.RecordID, err = s.str()
		case "op":
			var op string
			op, err = s.str()
			c.Op = Op(op)
		case "author":
			c.Author, err = s.str()
		case "at":
			start := s.i
			if _, err = s.str(); err == nil {
				err = c.At.UnmarshalJSON(s.b[start:s.i])
			}
		case "fields":
			c.Fields, err = s.rawMap()
		case "versions":
			c.Versions, err = s.strMap()
		case "bases":
			c.Bases, err = s.strMap()
		default:
			return errSlow
		}
		return err
	})
	return c, err
}

func (s *scanner) strMap() (map[string]string, error) {
	m := make(map[string]string, s.mapHint)
	err := s.object(func(k string) error {
		v, err := s.same()
		m[k] = v
		return err
	})
	s.mapHint = min(len(m), maxMapHint)
	return m, err
}

// object reads {"key": value, …}, calling member after each key with the
// scanner at the value. A repeated map key keeps the last value, as
// encoding/json does.
func (s *scanner) object(member func(key string) error) error {
	if err := s.expect('{'); err != nil {
		return err
	}
	if s.peek() == '}' {
		s.i++
		return nil
	}
	for {
		key, err := s.key()
		if err != nil {
			return err
		}
		if err := s.expect(':'); err != nil {
			return err
		}
		if err := member(key); err != nil {
			return err
		}
		switch s.next() {
		case ',':
		case '}':
			return nil
		default:
			return errSlow
		}
	}
}

func (s *scanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *scanner) peek() byte {
	s.space()
	if s.i >= len(s.b) {
		return 0
	}
	return s.b[s.i]
}

func (s *scanner) next() byte {
	c := s.peek()
	if c != 0 {
		s.i++
	}
	return c
}

func (s *scanner) expect(c byte) error {
	if s.next() != c {
		return errSlow
	}
	return nil
}

// str reads a string without escapes or control characters in valid
// UTF-8; anything else is left to encoding/json.
func (s *scanner) str() (string, error) {
	v, err := s.plain()
	return string(v), err
}

// plain reads a string as str does and returns its bytes (a slice of
// the body).
func (s *scanner) plain() ([]byte, error) {
	if s.peek() != '"' {
		return nil, errSlow
	}
	start := s.i + 1
	for j := start; j < len(s.b); j++ {
		switch c := s.b[j]; {
		case c == '"':
			v := s.b[start:j]
			if !utf8.Valid(v) {
				return nil, errSlow
			}
			s.i = j + 1
			return v, nil
		case c == '\\' || c < 0x20:
			return nil, errSlow
		}
	}
	return nil, errSlow
}

// uint reads a plain unsigned integer.
func (s *scanner) uint() (uint64, error) {
	s.space()
	j := s.i
	for j < len(s.b) && s.b[j] >= '0' && s.b[j] <= '9' {
		j++
	}
	if j == s.i || (s.b[s.i] == '0' && j-s.i > 1) || (j < len(s.b) && (s.b[j] == '.' || s.b[j] == 'e' || s.b[j] == 'E')) {
		return 0, errSlow
	}
	v, err := strconv.ParseUint(string(s.b[s.i:j]), 10, 64)
	if err != nil {
		return 0, errSlow
	}
	s.i = j
	return v, nil
}

// raw reads any JSON value other than null and returns its bytes (a
// slice of the body), checked to be valid JSON.
func (s *scanner) raw() (json.RawMessage, error) {
	s.space()
	start := s.i
	if start >= len(s.b) {
		return nil, errSlow
	}
	switch c := s.b[start]; {
	case c == '"':
		if _, err := s.str(); err != nil {
			// Escapes: find the end, then let encoding/json judge it.
			s.i = start
			if err := s.skipString(); err != nil || !json.Valid(s.b[start:s.i]) {
				return nil, errSlow
			}
		}
	case c == '{' || c == '[':
		if err := s.skipNested(); err != nil {
			return nil, err
		}
		if !json.Valid(s.b[start:s.i]) {
			return nil, errSlow
		}
	case c == 't' || c == 'f':
		s.i++
		for s.i < len(s.b) && s.b[s.i] >= 'a' && s.b[s.i] <= 'z' {
			s.i++
		}
		if w := string(s.b[start:s.i]); w != "true" && w != "false" {
			return nil, errSlow
		}
	case c == '-' || (c >= '0' && c <= '9'):
		s.i++
		for s.i < len(s.b) && bytes.IndexByte([]byte("0123456789+-.eE"), s.b[s.i]) >= 0 {
			s.i++
		}
		if !json.Valid(s.b[start:s.i]) {
			return nil, errSlow
		}
	default:
		return nil, errSlow // null and anything invalid
	}
	return json.RawMessage(s.b[start:s.i:s.i]), nil
}

// skipNested moves past an array or object, minding strings; the caller
// validates what it skipped.
func (s *scanner) skipNested() error {
	depth := 0
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				s.i++
				return nil
			}
		case '"':
			if err := s.skipString(); err != nil {
				return err
			}
			continue
		}
		s.i++
	}
	return errSlow
}

// skipString moves past the string starting at s.i, minding escapes.
func (s *scanner) skipString() error {
	for j := s.i + 1; j < len(s.b); j++ {
		switch s.b[j] {
		case '\\':
			j++
		case '"':
			s.i = j + 1
			return nil
		}
	}
	return errSlow
}

// FastChange decodes one change object in the plain form (a client's
// stored outbox entry has the same JSON as a pushed change); ok is false
// otherwise, and on trailing data. Field values alias body.
func FastChange(body []byte) (Change, bool) {
	s := &scanner{b: body}
	c, err := s.change()
	if s.space(); s.i != len(s.b) {
		return c, false
	}
	return c, err == nil
}
