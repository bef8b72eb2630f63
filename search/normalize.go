package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// normalize folds s for matching: invalid UTF-8 becomes U+FFFD, full-width
// forms become half-width (ｓｌｗｊ → slwj, 　 → space) and letters lower-case.
func normalize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if needsFold(s) {
		s = width.Fold.String(s)
	}
	return strings.ToLower(s)
}

// needsFold reports whether s holds a rune width.Fold changes: the
// Fullwidth and Halfwidth ones of Unicode UAX #11 (U+3000, U+20A9 and the
// Halfwidth and Fullwidth Forms block). Most text has none, and the check
// is much cheaper than the transform.
func needsFold(s string) bool {
	for _, r := range s {
		if r == 0x3000 || r == 0x20A9 || (r >= 0xFF00 && r <= 0xFFEF) {
			return true
		}
	}
	return false
}

// maxTerms bounds the work one query can ask for; terms past it are
// ignored (a person never types that many).
const maxTerms = 16

// terms splits a query into distinct normalised terms.
func terms(q string) []string {
	fields := strings.Fields(normalize(q))
	out := fields[:0]
	seen := make(map[string]bool, len(fields))
	for _, f := range fields {
		if seen[f] {
			continue
		}
		seen[f] = true
		out = append(out, f)
		if len(out) == maxTerms {
			break
		}
	}
	return out
}

// isLetters reports whether s is non-empty and only ASCII a–z: a term that
// may be pinyin.
func isLetters(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return r < 'a' || r > 'z' }) < 0
}

// isDigits reports whether s is non-empty and only ASCII digits.
func isDigits(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// isAlnum reports whether s is non-empty and only ASCII a–z and digits.
func isAlnum(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	}) < 0
}

// nationalMobile returns the national digits of a mobile number: "+86"
// and any non-digit are dropped (+86 138-0000-8000 → 13800008000).
func nationalMobile(m string) string {
	m = normalize(m)
	m = strings.TrimPrefix(strings.TrimSpace(m), "+86")
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, m)
}

// indexable reports whether a rune is worth a gram: spaces and control
// characters never occur inside a term.
func indexable(r rune) bool {
	return !unicode.IsSpace(r) && !unicode.IsControl(r)
}
