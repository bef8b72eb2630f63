package searchtest

import "strings"

// Credit code check characters, GB 32100-2015 《法人和其他组织统一社会信用
// 代码编码规则》 §4 and appendix: 18 characters from this 31-character set
// (no I, O, Z, S, V); C18 = 31 − (Σ Ci·Wi mod 31), with 31 written as '0'.
const creditCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CreditCodeCheck returns the GB 32100 check character for the first 17
// characters of a credit code, or false if they are not 17 characters of
// the code's character set.
func CreditCodeCheck(first17 string) (byte, bool) {
	if len(first17) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditCharset, first17[i])
		if v < 0 {
			return 0, false
		}
		sum += v * creditWeights[i]
	}
	return creditCharset[(31-sum%31)%31], true
}

// ValidCreditCode reports whether code is 18 characters whose last one is
// the GB 32100 check character of the others.
func ValidCreditCode(code string) bool {
	if len(code) != 18 {
		return false
	}
	c, ok := CreditCodeCheck(code[:17])
	return ok && c == code[17]
}

// orgCodeCheck returns the check character of an 8-character organisation
// code body (GB 11714-1997 《全国组织机构代码编制规则》: weights 3 7 9 10 5
// 8 4 2, digits count 0–9 and letters A–Z 10–35, C9 = 11 − Σ mod 11, with
// 10 written 'X' and 11 written '0'). Positions 9–17 of a credit code are
// such a code.
func orgCodeCheck(body string) byte {
	weights := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 8; i++ {
		c := body[i]
		v := int(c - '0')
		if c >= 'A' {
			v = int(c-'A') + 10
		}
		sum += v * weights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}
