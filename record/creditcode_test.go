package record

import (
	"strings"
	"testing"
)

// Codes verified by hand in domain-rules.md §5.2.
const (
	codeFujian   = "91350100M000100Y43" // Σ=1640, 1640 mod 31=28, 31−28=3
	codeShanghai = "91310230MA1K314J7C" // Σ=1972, mod 31=19, 31−19=12 → C
	codeShangha2 = "91310230MA1K314K57"
	// codeZeroCheck has Σ mod 31 = 0, so its check character is '0':
	// 9·1+1·3+3·9+3·27+M(21)·20+A(10)·29+2·25+A(10)·13+6·28
	// = 9+3+27+81+420+290+50+130+168 = 1178 = 31·38. wenerme/go-gb returns
	// NUL here (domain-rules.md §5.3).
	codeZeroCheck = "91330000MA2A000060"
)

func TestCreditCodeCheckChar(t *testing.T) {
	tests := []struct {
		first17 string
		want    byte
		wantErr bool
	}{
		{codeFujian[:17], '3', false},
		{codeShanghai[:17], 'C', false},
		{codeShangha2[:17], '7', false},
		{codeZeroCheck[:17], '0', false},
		{"9135010", 0, true},            // too short
		{"91350100M000100Y4X", 0, true}, // too long
		{"91350100I000100Y4", 0, true},  // I is not in the set
		{"91350100m000100Y4", 0, true},  // not normalised
		{"９１３５０１００M000100Y4", 0, true},  // full-width is not normalised
	}
	for _, tt := range tests {
		got, err := CreditCodeCheckChar(tt.first17)
		if (err != nil) != tt.wantErr {
			t.Errorf("CreditCodeCheckChar(%q) error = %v, wantErr %v", tt.first17, err, tt.wantErr)
			continue
		}
		if got != tt.want {
			t.Errorf("CreditCodeCheckChar(%q) = %q, want %q", tt.first17, got, tt.want)
		}
	}
}

// TestCreditCodeZeroCheckConstructed searches bodies until one has
// Σ mod 31 = 0 and checks that its code, ending in '0', is accepted.
func TestCreditCodeZeroCheckConstructed(t *testing.T) {
	found := 0
	for _, a := range creditCodeChars {
		for _, b := range creditCodeChars {
			body := "9133112" + "4MA2" + string(a) + string(b) + "0001"
			if len(body) != 17 {
				t.Fatalf("body %q has %d chars", body, len(body))
			}
			sum := 0
			for i := range 17 {
				sum += creditCodeValue(body[i]) * creditCodeWeights[i]
			}
			if sum%31 != 0 {
				continue
			}
			found++
			c, err := CreditCodeCheckChar(body)
			if err != nil || c != '0' {
				t.Fatalf("CreditCodeCheckChar(%q) = %q, %v; want '0'", body, c, err)
			}
			if n, ps := CheckCreditCode(body + "0"); n != body+"0" || len(ps) != 0 {
				t.Errorf("CheckCreditCode(%q) = %q, %v; want no problems", body+"0", n, ps)
			}
		}
	}
	if found == 0 {
		t.Fatal("no body with Σ mod 31 = 0 found; the search space is wrong")
	}
}

func TestCheckCreditCode(t *testing.T) {
	tests := []struct {
		name, in, wantNorm string
		wantRule           string // "" = no problem
		wantSev            Severity
	}{
		{"verified Fujian", codeFujian, codeFujian, "", ""},
		{"verified Shanghai", codeShanghai, codeShanghai, "", ""},
		{"verified Shanghai 2", codeShangha2, codeShangha2, "", ""},
		{"check char 0", codeZeroCheck, codeZeroCheck, "", ""},
		{"empty is fine", "  ", "", "", ""},
		{"lower case and spaces", " 9135 0100 m000 100y 43 ", codeFujian, "", ""},
		{"full width", "９１３５０１００Ｍ０００１００Ｙ４３", codeFujian, "", ""},
		{"ideographic space and NBSP", "91350100\u3000M000100\u00a0Y43", codeFujian, "", ""},
		{"wrong check char", "91350100M000100Y44", "91350100M000100Y44", "credit_code_check", Warning},
		{"whitelisted in the wild but wrong", "91350203M0001QAY9B", "91350203M0001QAY9B", "credit_code_check", Warning},
		{"17 chars", codeFujian[:17], codeFujian[:17], "credit_code_format", Error},
		{"19 chars", codeFujian + "1", codeFujian + "1", "credit_code_format", Error},
		{"letter O", "91350100M0O0100Y43", "91350100M0O0100Y43", "credit_code_format", Error},
		{"letter I", "9I350100M000100Y43", "9I350100M000100Y43", "credit_code_format", Error},
		{"area code not digits", "9135A100M000100Y43", "9135A100M000100Y43", "credit_code_format", Error},
		{"punctuation", "91350100-M000100Y4", "91350100-M000100Y4", "credit_code_format", Error},
		{"Chinese characters", "91350100M000100Y4码", "91350100M000100Y4码", "credit_code_format", Error},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ps := CheckCreditCode(tt.in)
			if got != tt.wantNorm {
				t.Errorf("normalised = %q, want %q", got, tt.wantNorm)
			}
			if tt.wantRule == "" {
				if len(ps) != 0 {
					t.Errorf("problems = %+v, want none", ps)
				}
				return
			}
			if len(ps) != 1 || ps[0].Rule != tt.wantRule || ps[0].Severity != tt.wantSev || ps[0].Field != "credit_code" {
				t.Fatalf("problems = %+v, want one %s %s", ps, tt.wantRule, tt.wantSev)
			}
			if !strings.Contains(ps[0].Zh, "统一社会信用代码") || !strings.Contains(ps[0].En, "credit code") {
				t.Errorf("messages do not name the field: %q / %q", ps[0].Zh, ps[0].En)
			}
		})
	}
}

func FuzzCheckCreditCode(f *testing.F) {
	for _, s := range []string{codeFujian, codeShanghai, codeZeroCheck, "９１３５０１００ｍ", "", "913501OO", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ps := CheckCreditCode(s)
		if again := NormalizeCreditCode(n); again != n {
			t.Fatalf("normalising %q twice: %q then %q", s, n, again)
		}
		if n2, ps2 := CheckCreditCode(n); n2 != n || len(ps2) != len(ps) {
			t.Fatalf("CheckCreditCode not stable on its output %q: %q %v vs %v", n, n2, ps2, ps)
		}
		if len(ps) == 0 && n != "" {
			c, err := CreditCodeCheckChar(n[:17])
			if len(n) != 18 || err != nil || c != n[17] {
				t.Fatalf("%q accepted but check char is %q (%v)", n, c, err)
			}
		}
		if len(s) >= 17 {
			if c, err := CreditCodeCheckChar(s[:17]); err == nil {
				if _, ps := CheckCreditCode(s[:17] + string(c)); len(ps) != 0 && ps[0].Rule == "credit_code_check" {
					t.Fatalf("code built with its own check char %q rejected: %v", s[:17]+string(c), ps)
				}
			}
		}
	})
}
