package searchtest

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEnterprises(t *testing.T) {
	const n = 5000
	es := Enterprises(n, 7)
	if len(es) != n {
		t.Fatalf("got %d enterprises, want %d", len(es), n)
	}
	names, codes := map[string]bool{}, map[string]bool{}
	for _, e := range es {
		if !ValidCreditCode(e.CreditCode) {
			t.Errorf("%s: invalid credit code %s", e.Name, e.CreditCode)
		}
		if e.CreditCode[2:8] != e.RegionCode || !strings.HasPrefix(e.CreditCode, "91") {
			t.Errorf("%s: code %s does not carry 91 + region %s", e.Name, e.CreditCode, e.RegionCode)
		}
		if org := e.CreditCode[8:16]; orgCodeCheck(org) != e.CreditCode[16] {
			t.Errorf("%s: organisation code check wrong in %s", e.Name, e.CreditCode)
		}
		short := []rune(e.ShortName)
		if stem, word := string(short[:2]), string(short[2:]); !strings.Contains(e.Name, stem) || !strings.Contains(e.Name, word) {
			t.Errorf("name %s does not contain stem %s and industry %s", e.Name, stem, word)
		}
		if !strings.HasPrefix(e.Address, "浙江省") || e.IndustryCode == "" {
			t.Errorf("%+v: bad address or industry", e)
		}
		if names[e.Name] || codes[e.CreditCode] {
			t.Errorf("duplicate %s / %s", e.Name, e.CreditCode)
		}
		names[e.Name], codes[e.CreditCode] = true, true
	}
}

func TestPeople(t *testing.T) {
	mobileRE := regexp.MustCompile(`^\+861[3-9]\d{9}$`)
	ps := People(5000, 7)
	seen := map[string]bool{}
	for _, p := range ps {
		if !mobileRE.MatchString(p.Mobile) {
			t.Errorf("%s: bad mobile %s", p.Name, p.Mobile)
		}
		if n := utf8.RuneCountInString(p.Name); n < 2 || n > 3 {
			t.Errorf("name %q has %d characters", p.Name, n)
		}
		if seen[p.Mobile] {
			t.Errorf("duplicate mobile %s", p.Mobile)
		}
		seen[p.Mobile] = true
	}
}

func TestDeterministic(t *testing.T) {
	tests := []struct {
		name string
		gen  func(n int, seed int64) any
	}{
		{"enterprises", func(n int, s int64) any { return Enterprises(n, s) }},
		{"people", func(n int, s int64) any { return People(n, s) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if a, b := tt.gen(300, 1), tt.gen(300, 1); !reflect.DeepEqual(a, b) {
				t.Error("same seed gave different data")
			}
			if a, b := tt.gen(300, 1), tt.gen(300, 2); reflect.DeepEqual(a, b) {
				t.Error("different seeds gave the same data")
			}
			small := reflect.ValueOf(tt.gen(100, 3))
			big := reflect.ValueOf(tt.gen(300, 3)).Slice(0, 100)
			if !reflect.DeepEqual(small.Interface(), big.Interface()) {
				t.Error("smaller n is not a prefix of larger n")
			}
		})
	}
	if got := Enterprises(0, 1); len(got) != 0 {
		t.Errorf("Enterprises(0) = %d items", len(got))
	}
	if got := People(-1, 1); len(got) != 0 {
		t.Errorf("People(-1) = %d items", len(got))
	}
}
