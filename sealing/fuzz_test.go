package sealing

import (
	"bytes"
	"io"
	"testing"
)

// FuzzParseWrapped: any bytes parse or fail cleanly, and accepted
// parameters are within the limits (so Unwrap never allocates wildly).
func FuzzParseWrapped(f *testing.F) {
	k, _ := NewKeys()
	w, _ := k.Wrap([]byte("pw"), LowCostParams())
	f.Add(w)
	f.Add([]byte("SHWK"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParseWrapped(b)
		if err != nil {
			return
		}
		if p.Params.check() != nil {
			t.Fatalf("accepted params out of range: %+v", p.Params)
		}
	})
}

// FuzzOpen: opening arbitrary bytes never panics and never succeeds
// unless they are a seal made with the key.
func FuzzOpen(f *testing.F) {
	k, _ := NewKeys()
	f.Add(k.Seal(nil, []byte(`{"name":"张三"}`), []byte("ad")), []byte("ad"))
	f.Add([]byte{1}, []byte(nil))
	f.Fuzz(func(t *testing.T, b, ad []byte) {
		if got, err := k.Open(nil, b, ad); err == nil {
			again, err := k.Open(nil, b, ad)
			if err != nil || !bytes.Equal(got, again) {
				t.Fatal("open not repeatable")
			}
		}
	})
}

// FuzzStreamReader: damaged backup streams fail cleanly.
func FuzzStreamReader(f *testing.F) {
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, []byte("pw"), LowCostParams())
	_, _ = w.Write([]byte("bbolt snapshot bytes"))
	_ = w.Close()
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		_, p, err := ParseStreamHeader(bytes.NewReader(b))
		if err != nil || p.Memory > 1<<12 {
			return // a fuzzed memory cost would make each run slow, not wrong
		}
		r, err := NewReader(bytes.NewReader(b), []byte("pw"))
		if err != nil {
			return
		}
		_, _ = io.ReadAll(r)
	})
}
