package storage

import (
	"testing"

	"github.com/shanhaifield/shanhai/hlc"
)

// FuzzParseStamp checks parseStamp against hlc.Parse.
func FuzzParseStamp(f *testing.F) {
	for _, s := range []string{"1764000000000.00000.node", "1.2.a.b", "+1.2.n", "-1.2.n", "1.-2.n", "1..n", "1.2", "", "1.99999999999.n", "01.02."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseStamp(s)
		want, err := hlc.Parse(s)
		if ok != (err == nil) || (ok && got != want) {
			t.Fatalf("parseStamp(%q) = %+v, %v; hlc.Parse = %+v, %v", s, got, ok, want, err)
		}
	})
}
