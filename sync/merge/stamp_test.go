package merge

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/shanhaifield/shanhai/hlc"
)

// TestNormalizeIsStampString checks normalize against hlc's own
// parse-and-print, clamped or not.
func TestNormalizeIsStampString(t *testing.T) {
	for _, tc := range []struct {
		in      string
		maxWall int64
	}{
		{"1764000000000.00000.node", 0},
		{"1764000000000.00007.node", 0},
		{"1.2.n", 0},
		{"0000000000001.00002.n", 0},
		{"99999999999999.4294967295.a.b", 0},
		{"1764000000000.00000.node", 1700000000000},
		{"1764000000000.00000.", 0},
		{"+12.3.n", 0},
		{"x.1.n", 0},
		{"1.-1.n", 0},
		{"1.1", 0},
	} {
		got, err := normalize(tc.in, tc.maxWall)
		st, perr := hlc.Parse(tc.in)
		if (err != nil) != (perr != nil) {
			t.Fatalf("%q: err %v, hlc.Parse err %v", tc.in, err, perr)
		}
		if perr != nil {
			continue
		}
		if tc.maxWall > 0 && st.Wall > tc.maxWall {
			st.Wall = tc.maxWall
		}
		if want := st.String(); got != want {
			t.Errorf("normalize(%q, %d) = %q, want %q", tc.in, tc.maxWall, got, want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	f.Add("1764000000000.00000.node", int64(0))
	f.Add("12.3.n", int64(5))
	f.Fuzz(func(t *testing.T, in string, maxWall int64) {
		got, err := normalize(in, maxWall)
		st, perr := hlc.Parse(in)
		if (err != nil) != (perr != nil) {
			t.Fatalf("%q: err %v, hlc.Parse err %v", in, err, perr)
		}
		if perr != nil {
			return
		}
		if maxWall > 0 && st.Wall > maxWall {
			st.Wall = maxWall
		}
		if want := st.String(); got != want {
			t.Fatalf("normalize(%q, %d) = %q, want %q", in, maxWall, got, want)
		}
	})
}

// FuzzCompact checks compact against json.Compact: same bytes, same
// verdict on validity.
func FuzzCompact(f *testing.F) {
	for _, s := range []string{`"浙江"`, `"a\"b"`, `"a` + "\x01" + `"`, ` "x" `, `[1, 2]`, `"\xff"`, `""`, `"`, `12`, `"a" "b"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, v []byte) {
		got, err := compact(v)
		var want bytes.Buffer
		werr := json.Compact(&want, v)
		if (err != nil) != (werr != nil) {
			t.Fatalf("%q: err %v, json.Compact err %v", v, err, werr)
		}
		if err == nil && !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("%q: compact %q, json.Compact %q", v, got, want.Bytes())
		}
	})
}
