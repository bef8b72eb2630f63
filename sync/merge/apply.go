package merge

import (
	"bytes"
	"encoding/json"
	"sort"
	"unicode/utf8"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// appendOnly are the kinds written once by one author: a visit log, a
// screening run, a referral. Their later edits merge by stamp but never
// produce conflicts.
var appendOnly = map[string]bool{"visit": true, "screening": true, "referral": true}

// AppendOnly reports whether kind is an append-only record kind.
func AppendOnly(kind string) bool { return appendOnly[kind] }

// Options tune Apply.
type Options struct {
	// MaxWall bounds stamps (Unix ms): a stamp further in the future is
	// clamped to it, so a laptop whose clock runs days ahead cannot win
	// every later edit. 0 disables the bound (tests, clients).
	MaxWall int64
}

// Result is what one change did.
type Result struct {
	State State
	// Applied names the fields that took effect, plus DeletedKey or
	// RestoredKey for a delete or restore that did.
	Applied []string
	// Conflicts are the values that lost to this change or that this
	// change lost with, and that differ from the winner.
	Conflicts []protocol.Conflict
	// Changed says the stored state differs from the input state.
	Changed bool
}

// Status maps the result to the push status of its change.
func (r Result) Status(ch protocol.Change) protocol.Status {
	want := len(ch.Fields)
	if ch.Op != protocol.OpPut {
		want = 1
	}
	switch {
	case len(r.Applied) == want:
		return protocol.StatusApplied
	case r.Changed:
		return protocol.StatusMerged
	}
	return protocol.StatusUnchanged
}

// Apply merges ch into st. It never changes st. A *protocol.ChangeError
// means the change is malformed and must be rejected.
func Apply(st State, ch protocol.Change, opt Options) (Result, error) {
	if st.ID != "" && (st.Kind != ch.Kind || st.ID != ch.RecordID) {
		return Result{}, &protocol.ChangeError{Code: "kind_mismatch",
			Zh: "记录编号已被另一类型的记录使用", En: "record " + ch.RecordID + " exists with kind " + st.Kind}
	}
	if cerr := ch.Check(); cerr != nil {
		return Result{}, cerr
	}
	res := Result{State: st.clone()}
	res.State.Kind, res.State.ID = ch.Kind, ch.RecordID
	var err error
	switch ch.Op {
	case protocol.OpPut:
		err = res.put(ch, opt)
	case protocol.OpDelete:
		err = res.mark(&res.State.Deleted, ch.Versions[protocol.DeletedKey], protocol.DeletedKey, opt)
		if err == nil {
			err = res.deleteSeen(ch.Bases)
		}
	case protocol.OpRestore:
		err = res.mark(&res.State.Restored, ch.Versions[protocol.RestoredKey], protocol.RestoredKey, opt)
	}
	if err != nil {
		return Result{}, err
	}
	if st.ID == "" {
		res.Changed = res.Changed || len(res.Applied) > 0
	}
	return res, nil
}

// mark moves a record-level stamp (delete or restore) forward.
func (r *Result) mark(slot *string, raw, key string, opt Options) error {
	stamp, err := normalize(raw, opt.MaxWall)
	if err != nil {
		return badStamp(key, err)
	}
	if compareText(stamp, *slot) > 0 {
		*slot = stamp
		r.Applied = append(r.Applied, key)
		r.Changed = true
	}
	return nil
}

// deleteSeen folds a delete's bases (the versions of the deleter's copy)
// into State.DeleteSeen, keeping the largest per field, so the outcome
// does not depend on the order deletes arrive in.
func (r *Result) deleteSeen(bases map[string]string) error {
	if len(bases) == 0 {
		return nil
	}
	s := &r.State
	if s.DeleteSeen == nil {
		s.DeleteSeen = make(map[string]string, len(bases))
	}
	for _, name := range sortedKeys(bases) {
		b, err := normalize(bases[name], 0)
		if err != nil {
			return badStamp("bases."+name, err)
		}
		if compareText(b, s.DeleteSeen[name]) > 0 {
			s.DeleteSeen[name] = b
			r.Changed = true
		}
	}
	return nil
}

func (r *Result) put(ch protocol.Change, opt Options) error {
	for _, name := range sortedKeys(ch.Fields) {
		value, err := compact(ch.Fields[name])
		if err != nil {
			return &protocol.ChangeError{Code: "bad_value", Zh: "字段 " + name + " 的值不是有效的 JSON",
				En: "field " + name + ": " + err.Error()}
		}
		stamp, err := normalize(ch.Versions[name], opt.MaxWall)
		if err != nil {
			return badStamp(name, err)
		}
		base := ""
		if b, ok := ch.Bases[name]; ok && b != "" {
			if base, err = normalize(b, 0); err != nil {
				return badStamp("bases."+name, err)
			}
		}
		r.field(name, value, stamp, base)
	}
	return nil
}

// compact returns v in compact form, checked to be valid JSON. A plain
// string (no escapes, no control characters, valid UTF-8), the common
// field value, is already compact and valid and is returned as it is;
// anything else goes through json.Compact (a push compacts every field).
func compact(v json.RawMessage) (json.RawMessage, error) {
	if n := len(v); n >= 2 && v[0] == '"' && v[n-1] == '"' && plainString(v[1:n-1]) {
		return v, nil
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// plainString reports whether s is the inside of a JSON string that
// needs no escape: valid UTF-8 without '"', '\\' or control characters.
func plainString(s []byte) bool {
	for _, c := range s {
		if c == '"' || c == '\\' || c < 0x20 {
			return false
		}
	}
	return utf8.Valid(s)
}

// field merges one incoming field value.
func (r *Result) field(name string, value json.RawMessage, stamp, base string) {
	s := &r.State
	cur, exists := s.Fields[name]
	next := cur
	next.Seen = maxText(cur.Seen, base)
	var loser *Field
	switch c := compareText(stamp, cur.Version); {
	case !exists:
		next = Field{Value: value, Version: stamp, Seen: base}
		r.Applied = append(r.Applied, name)
	case c == 0 && bytes.Equal(value, cur.Value):
		// A retry of a change already merged.
	case c > 0 || (c == 0 && bytes.Compare(value, cur.Value) > 0):
		next.Value, next.Version = value, stamp
		loser = &Field{Value: cur.Value, Version: cur.Version}
		r.Applied = append(r.Applied, name)
	default:
		loser = &Field{Value: value, Version: stamp}
	}
	if next.Seen != cur.Seen || next.Version != cur.Version {
		r.Changed = true
	}
	if s.Fields == nil {
		s.Fields = map[string]Field{}
	}
	s.Fields[name] = next
	r.prune(name)
	if loser != nil && !AppendOnly(s.Kind) && compareText(loser.Version, next.Seen) > 0 {
		r.addLoser(conflict(*s, name, loser.Value, loser.Version, protocol.ReasonConcurrent), next.Value)
	}
}

// prune drops losers of field that a later editor had seen.
func (r *Result) prune(field string) {
	s := &r.State
	seen := s.Fields[field].Seen
	kept := s.Losers[:0]
	for _, l := range s.Losers {
		if l.Field == field && compareText(l.Version, seen) <= 0 {
			r.Changed = true
			continue
		}
		kept = append(kept, l)
	}
	s.Losers = kept
}

// addLoser records a losing value once, keeping Losers sorted.
func (r *Result) addLoser(c protocol.Conflict, winner json.RawMessage) {
	s := &r.State
	i := sort.Search(len(s.Losers), func(i int) bool {
		l := s.Losers[i]
		return l.Field > c.Field || (l.Field == c.Field && compareText(l.Version, c.Version) >= 0)
	})
	if i < len(s.Losers) && s.Losers[i].ID == c.ID {
		return
	}
	s.Losers = append(s.Losers, protocol.Conflict{})
	copy(s.Losers[i+1:], s.Losers[i:])
	s.Losers[i] = c
	r.Changed = true
	if !bytes.Equal(c.Value, winner) {
		r.Conflicts = append(r.Conflicts, c)
	}
}

func badStamp(field string, err error) *protocol.ChangeError {
	return &protocol.ChangeError{Code: "bad_version", Zh: "字段 " + field + " 的版本戳无效",
		En: "field " + field + ": " + err.Error()}
}
