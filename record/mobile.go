package record

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// ErrMobileFormat is wrapped by NormalizeMobile when a value is not a
// mainland China mobile number.
var ErrMobileFormat = errors.New("not a valid mainland China mobile number")

// mobileNational is the national-number pattern of CN mobile numbers from
// libphonenumber, resources/PhoneNumberMetadata.xml, territory CN,
// <mobile><nationalNumberPattern>, commit f7e3e88 (2026-07-17), Apache-2.0;
// see domain-rules.md §5.4. It admits 13x, 14[57], 15[0-35-9], 16[2567],
// 17[0-35-8], 18x, 19[0-35-9], 1610x and 1740[0-5]. Number ranges change:
// refresh it from newer metadata rather than editing it by hand.
var mobileNational = regexp.MustCompile(`^(?:1(?:610\d|740[0-5])\d{6}|1(?:[38]\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\d{8})$`)

// NormalizeMobile turns a mainland China mobile number as people write it
// ("138 0013 8000", "+86 138-0013-8000", "0086 13800138000", full-width
// digits, "(+86) 138…") into E.164 form, "+8613800138000". It returns an
// error wrapping ErrMobileFormat when the result is not a CN mobile number.
func NormalizeMobile(s string) (string, error) {
	n, ok := mobileDigits(s)
	if !ok || !mobileNational.MatchString(n) {
		return "", fmt.Errorf("mobile %q: %w", s, ErrMobileFormat)
	}
	return "+86" + n, nil
}

// mobileDigits strips separators and the country code or trunk prefix and
// returns what should be the 11-digit national number.
func mobileDigits(s string) (string, bool) {
	var b strings.Builder
	for _, r := range foldWidth(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && b.Len() == 0:
			b.WriteRune(r)
		case isSpace(r) || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return "", false
		}
	}
	n := b.String()
	switch {
	case strings.HasPrefix(n, "+86"):
		n = n[3:]
	case strings.HasPrefix(n, "+"):
		return "", false // another country's number
	case strings.HasPrefix(n, "0086"):
		n = n[4:]
	case len(n) == 13 && strings.HasPrefix(n, "86"):
		n = n[2:]
	}
	// "+86 (0) 138…" and domestic long-distance habit "0138…": the national
	// trunk prefix 0 is not part of a mobile number.
	if len(n) == 12 && strings.HasPrefix(n, "01") {
		n = n[1:]
	}
	return n, true
}

// ValidMobile reports whether s is a CN mobile number already in the
// stored E.164 form that NormalizeMobile produces.
func ValidMobile(s string) bool {
	n, ok := strings.CutPrefix(s, "+86")
	return ok && mobileNational.MatchString(n)
}
