package record

import (
	"fmt"
	"strings"
)

// The unified social credit code (统一社会信用代码) of GB 32100-2015.
// Character set, weights and check rule as in domain-rules.md §5.2 (shared
// reference, verified by hand against 91350100M000100Y43 and
// 91310230MA1K314J7C); the standard's own table source is
// GitHub wenerme/go-gb gb32100/code.go (MIT, commit cee1699), whose Sum has a
// bug when Σ mod 31 = 0 (§5.3), hence our own implementation.
const (
	// creditCodeChars lists the 31 symbols in value order; I, O, S, V and
	// Z are excluded so that they cannot be confused with 1, 0, 5, U, 2.
	creditCodeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	creditCodeLen   = 18
)

// creditCodeWeights are 3^(i−1) mod 31 for positions 1–17.
var creditCodeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// creditCodeValue returns the value (0–30) of a code symbol, or -1.
func creditCodeValue(c byte) int {
	return strings.IndexByte(creditCodeChars, c)
}

// CreditCodeCheckChar computes the 18th (check) character of a unified
// social credit code from its first 17 characters, which must already be
// normalised (upper-case, half-width). When Σ mod 31 = 0 the check
// character is '0', not an empty or NUL character.
func CreditCodeCheckChar(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("credit code body %q: want 17 characters, got %d bytes", first17, len(first17))
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := creditCodeValue(first17[i])
		if v < 0 {
			return 0, fmt.Errorf("credit code body %q: character %d (%q) is not in the GB 32100 set", first17, i+1, first17[i])
		}
		sum += v * creditCodeWeights[i]
	}
	// 31 − (Σ mod 31) lies in 1..31; 31 wraps to 0.
	return creditCodeChars[(31-sum%31)%31], nil
}

// NormalizeCreditCode puts a credit code as typed or pasted into stored
// form: full-width characters become half-width, every kind of space is
// removed and letters are upper-cased. It does not check the result.
func NormalizeCreditCode(s string) string {
	s = foldWidth(s)
	var b strings.Builder
	for _, r := range s {
		if isSpace(r) {
			continue
		}
		b.WriteRune(r)
	}
	return strings.ToUpper(b.String())
}

// CheckCreditCode normalises s and checks it. An empty code has no
// problems (the field is optional). A code of the wrong shape gets a
// blocking credit_code_format problem; a well-formed code whose check
// character does not match gets a credit_code_check warning, because real
// registers hold codes that fail the check (domain-rules.md §5.3) and the
// user may confirm them (Enterprise.CreditCodeConfirmed).
func CheckCreditCode(s string) (normalised string, problems Problems) {
	normalised = NormalizeCreditCode(s)
	if normalised == "" {
		return "", nil
	}
	if p, ok := creditCodeProblem(normalised); !ok {
		problems = append(problems, p)
	}
	return normalised, problems
}

// creditCodeProblem checks an already normalised code exactly as stored.
func creditCodeProblem(code string) (Problem, bool) {
	zh, en := FieldLabel(KindEnterprise, "credit_code")
	format := func(whyZh, whyEn string) (Problem, bool) {
		return Problem{Field: "credit_code", Rule: "credit_code_format", Severity: Error,
			Zh: fmt.Sprintf("%s %s %s", zh, code, whyZh),
			En: fmt.Sprintf("%s %s %s", en, code, whyEn)}, false
	}
	if n := len([]rune(code)); n != creditCodeLen {
		return format(fmt.Sprintf("应为18位，实为%d位", n), fmt.Sprintf("must have 18 characters, has %d", n))
	}
	if len(code) != creditCodeLen {
		return format("含有非法字符", "contains characters outside 0-9 and A-Y")
	}
	for i := 0; i < creditCodeLen; i++ {
		c := code[i]
		if i >= 2 && i < 8 && (c < '0' || c > '9') {
			return format("第3至8位（登记管理机关行政区划码）应为数字",
				"positions 3-8 (registering authority's area code) must be digits")
		}
		if creditCodeValue(c) < 0 {
			return format(fmt.Sprintf("第%d位字符 %c 不允许（不使用 I、O、S、V、Z）", i+1, c),
				fmt.Sprintf("character %d (%c) is not allowed (I, O, S, V and Z are never used)", i+1, c))
		}
	}
	want, _ := CreditCodeCheckChar(code[:17]) // format checked above
	if code[17] != want {
		return Problem{Field: "credit_code", Rule: "credit_code_check", Severity: Warning,
			Zh: fmt.Sprintf("%s %s 的校验码应为 %c，实为 %c；请核对，确认无误可保留", zh, code, want, code[17]),
			En: fmt.Sprintf("%s %s has check character %c, expected %c; check it, or confirm to keep it", en, code, code[17], want)}, false
	}
	return Problem{}, true
}
