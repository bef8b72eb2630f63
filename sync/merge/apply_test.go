package merge

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// st builds a stamp text: wall ms, counter, node.
func st(wall int64, counter uint32, node string) string {
	return hlc.Stamp{Wall: wall, Counter: counter, Node: node}.String()
}

func put(id, field, value, stamp string) protocol.Change {
	return protocol.Change{MutationID: "m-" + stamp, Kind: "enterprise", RecordID: id, Op: protocol.OpPut,
		Fields:   map[string]json.RawMessage{field: json.RawMessage(value)},
		Versions: map[string]string{field: stamp}}
}

func withBase(c protocol.Change, field, base string) protocol.Change {
	c.Bases = map[string]string{field: base}
	return c
}

func del(id, stamp string) protocol.Change {
	return protocol.Change{MutationID: "d-" + stamp, Kind: "enterprise", RecordID: id, Op: protocol.OpDelete,
		Versions: map[string]string{protocol.DeletedKey: stamp}}
}

func applyAll(t *testing.T, changes []protocol.Change, opt Options) (State, []Result) {
	t.Helper()
	var s State
	var rs []Result
	for _, c := range changes {
		r, err := Apply(s, c, opt)
		if err != nil {
			t.Fatalf("Apply(%s): %v", c.MutationID, err)
		}
		s = r.State
		rs = append(rs, r)
	}
	return s, rs
}

func TestApply(t *testing.T) {
	a1, a2 := st(1000, 0, "a"), st(2000, 0, "a")
	b1, b2 := st(1000, 0, "b"), st(1500, 0, "b")
	tests := []struct {
		name          string
		changes       []protocol.Change
		want          map[string]string // field → value
		wantConflicts []string          // values of open conflicts, in order
		wantDeleted   bool
		lastStatus    protocol.Status
	}{
		{"create", []protocol.Change{put("r", "name", `"甲"`, a1)},
			map[string]string{"name": `"甲"`}, nil, false, protocol.StatusApplied},
		{"different fields merge", []protocol.Change{put("r", "name", `"甲"`, a1), put("r", "notes", `"n"`, b1)},
			map[string]string{"name": `"甲"`, "notes": `"n"`}, nil, false, protocol.StatusApplied},
		{"newer stamp wins, loser kept", []protocol.Change{put("r", "name", `"甲"`, a1), put("r", "name", `"乙"`, b2)},
			map[string]string{"name": `"乙"`}, []string{`"甲"`}, false, protocol.StatusApplied},
		{"older arrives later loses, kept", []protocol.Change{put("r", "name", `"乙"`, b2), put("r", "name", `"甲"`, a1)},
			map[string]string{"name": `"乙"`}, []string{`"甲"`}, false, protocol.StatusMerged},
		{"same wall and counter: node breaks tie", []protocol.Change{put("r", "name", `"B"`, b1), put("r", "name", `"A"`, a1)},
			map[string]string{"name": `"B"`}, []string{`"A"`}, false, protocol.StatusMerged},
		{"edit on seen base is no conflict", []protocol.Change{put("r", "name", `"甲"`, a1), withBase(put("r", "name", `"乙"`, b2), "name", a1)},
			map[string]string{"name": `"乙"`}, nil, false, protocol.StatusApplied},
		{"retry is unchanged", []protocol.Change{put("r", "name", `"甲"`, a1), put("r", "name", `"甲"`, a1)},
			map[string]string{"name": `"甲"`}, nil, false, protocol.StatusUnchanged},
		{"equal losing value is not shown", []protocol.Change{put("r", "name", `"甲"`, a1), put("r", "name", `"甲"`, b2)},
			map[string]string{"name": `"甲"`}, nil, false, protocol.StatusApplied},
		{"whitespace in values is normalised", []protocol.Change{put("r", "tags", `[ "a", "b" ]`, a1)},
			map[string]string{"tags": `["a","b"]`}, nil, false, protocol.StatusApplied},
		{"delete makes tombstone", []protocol.Change{put("r", "name", `"甲"`, a1), del("r", b2)},
			map[string]string{"name": `"甲"`}, nil, true, protocol.StatusApplied},
		{"edit after delete is a restore offer", []protocol.Change{put("r", "name", `"甲"`, a1), del("r", b2), withBase(put("r", "name", `"丙"`, a2), "name", a1)},
			map[string]string{"name": `"丙"`}, []string{`"丙"`}, true, protocol.StatusApplied},
		{"edit after delete arriving first is still an offer", []protocol.Change{put("r", "name", `"丙"`, a2), del("r", b2)},
			map[string]string{"name": `"丙"`}, []string{`"丙"`}, true, protocol.StatusApplied},
		{"older delete arriving late is unchanged", []protocol.Change{del("r", b2), del("r", a1)},
			map[string]string{}, nil, true, protocol.StatusUnchanged},
		{"restore after delete", []protocol.Change{put("r", "name", `"甲"`, a1), del("r", b1),
			{MutationID: "x", Kind: "enterprise", RecordID: "r", Op: protocol.OpRestore, Versions: map[string]string{protocol.RestoredKey: a2}}},
			map[string]string{"name": `"甲"`}, nil, false, protocol.StatusApplied},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, rs := applyAll(t, tt.changes, Options{})
			for f, v := range tt.want {
				if got := string(s.Fields[f].Value); got != v {
					t.Errorf("field %s = %s, want %s", f, got, v)
				}
			}
			if len(s.Fields) != len(tt.want) {
				t.Errorf("fields = %v, want %d of them", s.Values(), len(tt.want))
			}
			var got []string
			for _, c := range s.Conflicts() {
				got = append(got, string(c.Value))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.wantConflicts) {
				t.Errorf("conflicts = %v, want %v", got, tt.wantConflicts)
			}
			if s.IsDeleted() != tt.wantDeleted {
				t.Errorf("deleted = %v, want %v", s.IsDeleted(), tt.wantDeleted)
			}
			last := tt.changes[len(tt.changes)-1]
			if got := rs[len(rs)-1].Status(last); got != tt.lastStatus {
				t.Errorf("last status = %s, want %s", got, tt.lastStatus)
			}
		})
	}
}

func TestApplyRejects(t *testing.T) {
	good := put("r", "name", `"甲"`, st(1, 0, "a"))
	tests := []struct {
		name     string
		state    State
		change   protocol.Change
		wantCode string
	}{
		{"bad stamp", State{}, put("r", "name", `"甲"`, "yesterday"), "bad_version"},
		{"bad base", State{}, withBase(good, "name", "x"), "bad_version"},
		{"bad json", State{}, put("r", "name", `{"a":`, st(1, 0, "a")), "bad_value"},
		{"kind mismatch", State{Kind: "contact", ID: "r"}, good, "kind_mismatch"},
		{"bad op", State{}, protocol.Change{Kind: "enterprise", RecordID: "r", Op: "merge"}, "bad_op"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Apply(tt.state, tt.change, Options{})
			ce, ok := err.(*protocol.ChangeError)
			if !ok || ce.Code != tt.wantCode {
				t.Fatalf("Apply error = %v, want code %s", err, tt.wantCode)
			}
		})
	}
}

func TestApplyDoesNotChangeInput(t *testing.T) {
	s, _ := applyAll(t, []protocol.Change{put("r", "name", `"甲"`, st(1, 0, "a"))}, Options{})
	before := string(s.Fields["name"].Value)
	if _, err := Apply(s, put("r", "name", `"乙"`, st(2, 0, "b")), Options{}); err != nil {
		t.Fatal(err)
	}
	if got := string(s.Fields["name"].Value); got != before || len(s.Losers) != 0 {
		t.Fatalf("input state changed: name=%s losers=%v", got, s.Losers)
	}
}

func TestAppendOnlyNeverConflicts(t *testing.T) {
	for _, kind := range []string{"visit", "screening", "referral"} {
		t.Run(kind, func(t *testing.T) {
			a, b := put("v", "summary", `"一"`, st(1, 0, "a")), put("v", "summary", `"二"`, st(2, 0, "b"))
			a.Kind, b.Kind = kind, kind
			s, rs := applyAll(t, []protocol.Change{b, a}, Options{})
			if len(s.Conflicts()) != 0 || len(rs[1].Conflicts) != 0 {
				t.Fatalf("conflicts on append-only kind: %v", s.Conflicts())
			}
			if string(s.Fields["summary"].Value) != `"二"` {
				t.Fatalf("summary = %s", s.Fields["summary"].Value)
			}
		})
	}
}

// TestSkewedClocks runs real hybrid logical clocks whose wall clocks are
// hours apart.
func TestSkewedClocks(t *testing.T) {
	real := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	fast := hlc.New("fast", func() time.Time { return real.Add(3 * time.Hour) })
	now := real
	slow := hlc.New("slow", func() time.Time { return now })

	// The fast laptop edits first; the slow laptop pulls that edit
	// (observing its stamp) and edits ten minutes later in real time.
	first := fast.Now()
	slow.Observe(first)
	now = real.Add(10 * time.Minute)
	second := slow.Now()
	s, _ := applyAll(t, []protocol.Change{
		put("r", "name", `"old"`, first.String()),
		withBase(put("r", "name", `"new"`, second.String()), "name", first.String()),
	}, Options{})
	if got := string(s.Fields["name"].Value); got != `"new"` {
		t.Fatalf("after observing, the later edit must win; name = %s", got)
	}

	// Without observing, a fast clock's old edit would win; the server
	// bound clamps it to its own clock when it arrives.
	oldFast := hlc.New("fast2", func() time.Time { return real.Add(-time.Hour + 3*time.Hour) }).Now()
	newSlow := hlc.New("slow2", func() time.Time { return real }).Now()
	pushedAt := real.Add(-time.Hour).Add(5 * time.Minute).UnixMilli()
	r1, err := Apply(State{}, put("q", "name", `"old"`, oldFast.String()), Options{MaxWall: pushedAt})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := Apply(r1.State, put("q", "name", `"new"`, newSlow.String()), Options{MaxWall: real.UnixMilli() + 5*60*1000})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(r2.State.Fields["name"].Value); got != `"new"` {
		t.Fatalf("clamped fast-clock edit won: name = %s", got)
	}
	if c := r2.State.Conflicts(); len(c) != 1 || string(c[0].Value) != `"old"` {
		t.Fatalf("old value not kept as conflict: %v", c)
	}
}
