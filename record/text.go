package record

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// foldWidth maps full-width forms to their half-width equivalents (Ａ→A,
// １→1, （→(, ＋→+, U+3000→space) and half-width katakana to wide. It is
// for codes, numbers and keys, where the width carries no meaning.
func foldWidth(s string) string { return width.Fold.String(s) }

// isSpace reports white space of any kind, including NBSP (U+00A0), the
// ideographic space (U+3000), and the zero-width space and byte-order mark
// that pasted spreadsheet cells often carry.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// CleanText tidies a one-line text value as typed or imported: full-width
// letters and digits become half-width, every kind of space becomes one
// ASCII space, runs of spaces collapse to one, and the ends are trimmed.
//
// Full-width punctuation (，。（）：) is kept on purpose: it is the correct
// form inside Chinese text (GB/T 15834-2011 标点符号用法), and registered
// company names are written with （）, so folding it would alter names.
// Comparison that must ignore punctuation uses NormalName instead.
func CleanText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := false
	for _, r := range s {
		if isSpace(r) {
			pendingSpace = b.Len() > 0
			continue
		}
		if pendingSpace {
			b.WriteByte(' ')
			pendingSpace = false
		}
		b.WriteRune(narrowAlnum(r))
	}
	return b.String()
}

// narrowAlnum maps full-width Latin letters and digits (U+FF10–FF19,
// U+FF21–FF3A, U+FF41–FF5A) to ASCII and leaves every other rune alone.
func narrowAlnum(r rune) rune {
	switch {
	case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
		return r - 0xFEE0
	}
	return r
}

// cleanBlock tidies multi-line text (notes, visit summaries): it trims the
// ends and trailing spaces of each line but keeps the line breaks and the
// writer's spacing inside lines.
func cleanBlock(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, isSpace)
	}
	return strings.TrimFunc(strings.Join(lines, "\n"), isSpace)
}

// cleanList cleans each item with CleanText and drops empty ones.
func cleanList(items []string) []string {
	if items == nil {
		return nil
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		if it = CleanText(it); it != "" {
			out = append(out, it)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
