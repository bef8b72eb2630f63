package record

import (
	"fmt"
	"strings"
)

// Landline length bounds: libphonenumber's CN fixed-line national numbers
// are 7–11 digits (PhoneNumberMetadata.xml, commit f7e3e88, possibleLengths
// national "[7-11]", domain-rules.md §5.4); one more digit allows the trunk
// prefix 0 written before an area code (0578-8123456 is 11 digits,
// 0571-88888888 is 12).
const (
	phoneMinDigits = 7
	phoneMaxDigits = 12
	phoneMaxExt    = 6
)

// phoneExtMarks separate an extension from the number, as staff write it.
var phoneExtMarks = []string{"转", "分机", "ext", "x", "#", ","}

// CheckPhone is a light check of a landline number as written, such as
// "0578-8123456", "(0571) 8888 8888 转 123" or "+86 571 88888888". It
// rejects only values that are clearly not a phone number: characters
// other than digits and separators, too few or too many digits, or an
// extension that is not 1–6 digits. Several numbers may be listed with
// "/", "、" or ";" between them; each must pass. The value is stored as
// written.
func CheckPhone(s string) error {
	parts := strings.FieldsFunc(foldWidth(s), func(r rune) bool { return r == '/' || r == '、' || r == ';' })
	if len(parts) == 0 {
		return fmt.Errorf("phone %q: no number", s)
	}
	for _, p := range parts {
		if err := checkOnePhone(p); err != nil {
			return fmt.Errorf("phone %q: %w", s, err)
		}
	}
	return nil
}

// checkOnePhone checks one number with an optional extension.
func checkOnePhone(s string) error {
	main, ext, hasExt := splitExtension(strings.ToLower(s))
	var digits strings.Builder
	for _, r := range main {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == '+' && digits.Len() == 0:
		case isSpace(r) || r == '-' || r == '(' || r == ')' || r == '.':
		default:
			return fmt.Errorf("character %q is not part of a phone number", r)
		}
	}
	d := digits.String()
	if strings.Contains(main, "+") {
		// Only a leading +86 is a mainland number; drop the country code.
		var ok bool
		if d, ok = strings.CutPrefix(d, "86"); !ok {
			return fmt.Errorf("%q is not a mainland China number", s)
		}
	} else if rest, ok := strings.CutPrefix(d, "0086"); ok {
		d = rest
	}
	if n := len(d); n < phoneMinDigits || n > phoneMaxDigits {
		return fmt.Errorf("%q has %d digits, want %d to %d", s, n, phoneMinDigits, phoneMaxDigits)
	}
	if hasExt {
		e := strings.Map(func(r rune) rune {
			if isSpace(r) || r == '-' || r == '.' || r == ':' {
				return -1
			}
			return r
		}, ext)
		if e == "" || len(e) > phoneMaxExt || strings.Trim(e, "0123456789") != "" {
			return fmt.Errorf("extension %q must be 1 to %d digits", ext, phoneMaxExt)
		}
	}
	return nil
}

// splitExtension cuts s at the first extension mark.
func splitExtension(s string) (main, ext string, ok bool) {
	cut, mark := -1, ""
	for _, m := range phoneExtMarks {
		if i := strings.Index(s, m); i >= 0 && (cut < 0 || i < cut) {
			cut, mark = i, m
		}
	}
	if cut < 0 {
		return s, "", false
	}
	return s[:cut], s[cut+len(mark):], true
}
