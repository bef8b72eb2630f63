package industry

import (
	"errors"
	"fmt"
	"strings"
)

// ErrEmptyCode is returned by Normalize for an input with nothing but
// blanks in it.
var ErrEmptyCode = errors.New("empty industry code")

// ErrBadCode is returned (wrapped, with the input) by Normalize for an input
// that is not a GB/T 4754-2017 code.
var ErrBadCode = errors.New("not a GB/T 4754-2017 industry code")

// Normalize turns what people type or paste into a canonical code: it trims
// and drops blanks, folds full-width characters (as Chinese IMEs produce)
// and lower case, and drops a leading section letter that agrees with the
// digits, so "C3670", "c 3670" and "３６７０" all give "3670". A section
// letter alone stays a letter ("c" → "C"). Digit codes must have 2–4 digits
// and a division in 01–97; a letter that contradicts the digits ("A3670")
// is an error.
func Normalize(code string) (string, error) {
	if _, ok := sectionOf(code); ok {
		return code, nil // already canonical: the common case, no allocation
	}
	s := fold(code)
	if s == "" {
		return "", ErrEmptyCode
	}
	if s[0] >= 'A' && s[0] <= 'Z' && len(s) > 1 {
		letter := s[0]
		s = s[1:]
		if got, ok := sectionOf(s); !ok || got != letter || levelOfShape(s) == Section {
			return "", fmt.Errorf("%w: %q", ErrBadCode, code)
		}
	}
	if _, ok := sectionOf(s); !ok {
		return "", fmt.Errorf("%w: %q", ErrBadCode, code)
	}
	return s, nil
}

// fold trims, removes blanks, maps full-width ASCII to half-width and
// upper-cases letters. It returns "" if nothing is left.
func fold(in string) string {
	var b strings.Builder
	b.Grow(len(in))
	for _, r := range in {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000' || r == '\u00a0':
			continue
		case r >= '\uff01' && r <= '\uff5e': // full-width ASCII block
			r -= '\uff01' - '!'
		}
		if r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}
