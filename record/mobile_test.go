package record

import (
	"errors"
	"testing"
)

func TestNormalizeMobile(t *testing.T) {
	tests := []struct {
		in, want string // want "" = error
	}{
		{"13800138000", "+8613800138000"},
		{"138 0013 8000", "+8613800138000"},
		{"+86 138-0013-8000", "+8613800138000"},
		{"0086 13800138000", "+8613800138000"},
		{"8613800138000", "+8613800138000"},
		{"８６１３８００１３８０００", "+8613800138000"},
		{"＋８６ １３８ ００１３ ８０００", "+8613800138000"},
		{"(+86) 138 0013 8000", "+8613800138000"},
		{"+86 (0) 138 0013 8000", "+8613800138000"},
		{"013800138000", "+8613800138000"},
		{"\u00a0138.0013.8000\u3000", "+8613800138000"},
		{"+8613800138000", "+8613800138000"},
		{"14512345678", "+8614512345678"}, // 14[57]
		{"16212345678", "+8616212345678"}, // 16[25-7]
		{"19912345678", "+8619912345678"},
		{"16101234567", "+8616101234567"}, // 1610x
		{"17405123456", "+8617405123456"}, // 1740[0-5]
		{"17406123456", ""},               // 17406 is not allocated
		{"17412345678", ""},               // 174 outside 1740[0-5]
		{"16112345678", ""},               // 161 outside 1610
		{"14912345678", ""},               // 149 not in 14[57]
		{"19412345678", ""},               // 194 not in 19[0-35-9]
		{"12345678901", ""},               // 12x
		{"1380013800", ""},                // 10 digits
		{"138001380001", ""},              // 12 digits
		{"13800", ""},
		{"", ""},
		{"+1 415 555 0100", ""},
		{"+852 9123 4567", ""},
		{"0578-8123456", ""}, // landline
		{"138-0013-800O", ""},
		{"tel:13800138000", ""},
		{"1380013800０+", ""},
	}
	for _, tt := range tests {
		got, err := NormalizeMobile(tt.in)
		if tt.want == "" {
			if err == nil || !errors.Is(err, ErrMobileFormat) {
				t.Errorf("NormalizeMobile(%q) = %q, %v; want ErrMobileFormat", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("NormalizeMobile(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestValidMobile(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"+8613800138000", true},
		{"13800138000", false},     // not in stored form
		{"+86 13800138000", false}, // not in stored form
		{"+8612800138000", false},
		{"+86138001380001", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidMobile(tt.in); got != tt.want {
			t.Errorf("ValidMobile(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzNormalizeMobile(f *testing.F) {
	for _, s := range []string{"138 0013 8000", "+86 138-0013-8000", "0086 13800138000", "８６１３８００１３８０００", "+86 (0) 138", "", "+", "0086"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := NormalizeMobile(s)
		if err != nil {
			if e != "" || !errors.Is(err, ErrMobileFormat) {
				t.Fatalf("NormalizeMobile(%q) = %q, %v", s, e, err)
			}
			return
		}
		if !ValidMobile(e) || len(e) != 14 {
			t.Fatalf("NormalizeMobile(%q) = %q, which is not a stored mobile", s, e)
		}
		if again, err := NormalizeMobile(e); err != nil || again != e {
			t.Fatalf("NormalizeMobile(%q) = %q, %v; want it unchanged", e, again, err)
		}
	})
}
