package rulepack

import "testing"

func TestValidCode(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"C", true}, {"T", true}, {"U", false}, {"c", false}, {"", false},
		{"13", true}, {"43", true}, {"3670", true}, {"367", true}, {"00", false},
		{"98", false}, {"36700", false}, {"3a", false}, {"1", false}, {"9700", true},
	}
	for _, tt := range tests {
		if got := ValidCode(tt.code); got != tt.want {
			t.Errorf("ValidCode(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestWithin(t *testing.T) {
	tests := []struct {
		code, anc string
		want      bool
	}{
		{"3670", "367", true}, {"3670", "36", true}, {"3670", "C", true}, {"3670", "3670", true},
		{"36", "3670", false}, {"3670", "37", false}, {"6513", "C", false}, {"6513", "I", true},
		{"4411", "D", true}, {"1301", "C", true}, {"0511", "A", true}, {"C", "C", true}, {"", "C", false}, {"36", "", false},
	}
	for _, tt := range tests {
		if got := Within(tt.code, tt.anc); got != tt.want {
			t.Errorf("Within(%q, %q) = %v, want %v", tt.code, tt.anc, got, tt.want)
		}
	}
}

func TestSectionRangesCoverAllDivisions(t *testing.T) {
	// Divisions 01–97 each belong to exactly one 门类 and the ranges are in order.
	prev := 0
	for _, s := range sectionRanges {
		if s.first != prev+1 || s.end < s.first {
			t.Errorf("section %c starts at %d after %d", s.letter, s.first, prev)
		}
		prev = s.end
	}
	if prev != 97 {
		t.Errorf("last division %d, want 97", prev)
	}
}
