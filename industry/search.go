package industry

import "strings"

// Search finds codes for a picker. A query that looks like a code ("36",
// "c36", "３６") matches every code starting with it, a section letter
// alone the section and everything in it; anything else matches
// names containing every blank-separated word of the query ("汽车 零部件").
// Results are in the standard's order, an exact code match first; limit ≤ 0
// means no limit. An empty query finds nothing.
func (t *Table) Search(q string, limit int) []Code {
	if prefix, ok := codePrefix(q); ok {
		if levelOfShape(prefix) == Section {
			return t.collect(limit, prefix, func(c Code) bool {
				return t.Within(c.Code, prefix)
			})
		}
		return t.collect(limit, prefix, func(c Code) bool {
			return strings.HasPrefix(c.Code, prefix)
		})
	}
	words := strings.Fields(strings.ReplaceAll(q, "\u3000", " "))
	if len(words) == 0 {
		return nil
	}
	return t.collect(limit, "", func(c Code) bool {
		for _, w := range words {
			if !strings.Contains(c.Name, w) {
				return false
			}
		}
		return true
	})
}

// collect gathers matches in table order, putting the row whose code is
// exact (if any) first.
func (t *Table) collect(limit int, exact string, match func(Code) bool) []Code {
	var out []Code
	if i, ok := t.byCode[exact]; ok && exact != "" {
		out = append(out, t.codes[i])
	}
	for _, c := range t.codes {
		if limit > 0 && len(out) >= limit {
			break
		}
		if c.Code != exact && match(c) {
			out = append(out, c)
		}
	}
	return out
}

// codePrefix reports whether q reads as a (partial) code and returns it in
// canonical form: a section letter alone, or 1–4 digits with an optional
// leading letter, blanks and full-width forms allowed.
func codePrefix(q string) (string, bool) {
	s := fold(q)
	if s == "" {
		return "", false
	}
	if len(s) == 1 && s[0] >= 'A' && s[0] <= 'Z' {
		return s, true
	}
	var letter byte
	if s[0] >= 'A' && s[0] <= 'Z' {
		letter, s = s[0], s[1:]
	}
	if len(s) == 0 || len(s) > 4 {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", false
		}
	}
	if letter != 0 && len(s) >= 2 {
		// "C36" must agree with the digits; "A36" is no code at all.
		if got, ok := sectionOf(s); !ok || got != letter {
			return "", false
		}
	}
	return s, true
}
