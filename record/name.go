package record

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// minNameCore is the fewest runes NormalName leaves when stripping place
// prefixes and legal-form suffixes: "杭州有限公司" stays "杭州", not "".
const minNameCore = 2

// legalFormSuffixes end registered names (组织形式). Longest first, so that
// 股份有限公司 goes before 有限公司 and 公司. Decisions:
//   - 集团 is stripped: "X集团有限公司", "X集团" and "X有限公司" are the same
//     group for promotion work.
//   - 厂 is stripped: many firms re-registered "X玩具厂" as "X玩具有限公司"
//     and staff still use the old name; both must meet.
//   - 总公司 is stripped (the head office is the firm itself), but 分公司 is
//     not: a branch has its own credit code and its own site, so it is a
//     different counterpart; NormalName leaves "…分公司" whole.
var legalFormSuffixes = byLengthDesc([]string{
	"股份有限公司", "有限责任公司", "个人独资企业", "合伙企业", "有限合伙", "普通合伙",
	"有限公司", "股份公司", "总公司", "公司", "集团", "厂",
})

// englishFormWords end Latin-script names ("Co., Ltd.", "Inc").
var englishFormWords = []string{"co", "ltd", "limited", "inc", "corp", "corporation", "company", "group", "llc", "plc"}

// namePrefixes are the place names stripped from the front of a name.
var namePrefixes = byLengthDesc(slices.Concat(provinceNames, zhejiangCities, zhejiangCounties))

// prefixesByRune and suffixesByRune hold namePrefixes by first rune and
// legalFormSuffixes by last rune, each in list order: stripAffixes tries
// only the few that can match instead of a hundred place names.
var (
	prefixesByRune = byRune(namePrefixes, utf8.DecodeRuneInString)
	suffixesByRune = byRune(legalFormSuffixes, utf8.DecodeLastRuneInString)
)

// bracketDropped are bracketed parts that carry no identity: places and
// legal forms, as in "四联玩具（浙江）有限公司" or "X（集团）有限公司".
var bracketDropped = bracketWords()

// NormalName reduces an enterprise name to a key for duplicate detection:
// "浙江四联玩具有限公司", "四联玩具有限公司", "浙江省四联玩具股份有限公司" and
// "四联玩具（浙江）有限公司" all become "四联玩具". It folds full-width forms,
// lower-cases Latin letters, treats （） like (), drops bracketed places and
// legal forms, strips English legal-form words, then all spaces and
// punctuation, and finally place prefixes and legal-form suffixes until
// none is left. NormalName(NormalName(x)) == NormalName(x).
func NormalName(name string) string {
	s := strings.ToLower(foldWidth(name))
	s = dropBrackets(s)
	words := strings.FieldsFunc(s, func(r rune) bool { return !isNameRune(r) })
	for len(words) > 1 && slices.Contains(englishFormWords, words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	return stripAffixes(strings.Join(words, ""))
}

// isNameRune tells which runes survive into the key.
func isNameRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// dropBrackets removes "(…)" groups whose content is a place or legal form
// and turns the brackets of every other group into spaces.
func dropBrackets(s string) string {
	if !strings.ContainsAny(s, "()") {
		return s // most names: nothing to drop or replace
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '(')
		if open < 0 {
			break
		}
		end := strings.IndexByte(s[open:], ')')
		if end < 0 {
			break
		}
		inner := s[open+1 : open+end]
		b.WriteString(s[:open])
		if !slices.Contains(bracketDropped, strings.TrimFunc(inner, isSpace)) {
			b.WriteString(" " + inner + " ")
		}
		s = s[open+end+1:]
	}
	b.WriteString(s)
	return strings.NewReplacer("(", " ", ")", " ").Replace(b.String())
}

// stripAffixes removes legal-form suffixes and place prefixes until none
// applies, never leaving fewer than minNameCore runes. Suffixes go first
// so that "杭州有限公司" keeps "杭州" rather than losing it to the prefix
// rule. Only the longest matching affix is tried, so a name that is all
// legal form ("有限公司") is not cut into half of one ("有限").
func stripAffixes(s string) string {
	for changed := true; changed; {
		changed = false
		if !strings.HasSuffix(s, "分公司") {
			last, _ := utf8.DecodeLastRuneInString(s)
			if f := longestMatch(suffixesByRune[last], s, strings.HasSuffix); f != "" {
				if rest := strings.TrimSuffix(s, f); utf8.RuneCountInString(rest) >= minNameCore {
					s, changed = rest, true
				}
			}
		}
		first, _ := utf8.DecodeRuneInString(s)
		if p := longestMatch(prefixesByRune[first], s, strings.HasPrefix); p != "" {
			if rest := strings.TrimPrefix(s, p); utf8.RuneCountInString(rest) >= minNameCore {
				s, changed = rest, true
			}
		}
	}
	return s
}

// longestMatch returns the first affix of the longest-first list that s
// has, or "".
func longestMatch(affixes []string, s string, has func(s, affix string) bool) string {
	for _, a := range affixes {
		if has(s, a) {
			return a
		}
	}
	return ""
}

// bracketWords lists what may be dropped from inside brackets: every place
// name (bare county names too, as "宁波（北仑）" shows), the extras and the
// legal forms.
func bracketWords() []string {
	out := slices.Concat(provinceNames, zhejiangCities, zhejiangCounties, bracketRegionExtras, legalFormSuffixes)
	for _, c := range zhejiangCounties {
		if bare := strings.TrimRight(c, "区县市"); utf8.RuneCountInString(bare) >= 2 {
			out = append(out, bare)
		}
	}
	return out
}

// byRune groups affixes by the rune end gives (their first or last),
// keeping their order. An affix can only match a name that has the same
// rune there, so a lookup by the name's rune finds every candidate.
func byRune(affixes []string, end func(string) (rune, int)) map[rune][]string {
	out := map[rune][]string{}
	for _, a := range affixes {
		r, _ := end(a)
		out[r] = append(out[r], a)
	}
	return out
}

// byLengthDesc returns a copy of list sorted longest first, so that
// prefix and suffix matching always takes the longest form.
func byLengthDesc(list []string) []string {
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b string) int {
		return utf8.RuneCountInString(b) - utf8.RuneCountInString(a)
	})
	return out
}
