package searchtest

import "testing"

func TestValidCreditCode(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"91350100M000100Y43", true},  // the worked example of GB 32100-2015
		{"91350100M000100Y44", false}, // wrong check character
		{"91350100M000100Y4", false},  // 17 characters
		{"91350100M000100Y433", false},
		{"91350100I000100Y43", false}, // I is not in the charset
		{"91350100m000100y43", false}, // codes are upper-case
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidCreditCode(tt.code); got != tt.want {
			t.Errorf("ValidCreditCode(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestOrgCodeCheck(t *testing.T) {
	tests := []struct {
		body string
		want byte
	}{
		{"M000100Y", '4'}, // positions 9–17 of the GB 32100 example
		{"60003734", '1'},
	}
	for _, tt := range tests {
		if got := orgCodeCheck(tt.body); got != tt.want {
			t.Errorf("orgCodeCheck(%q) = %c, want %c", tt.body, got, tt.want)
		}
	}
}
