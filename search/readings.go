package search

import (
	"strings"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// Readings that differ from go-pinyin's first reading. Sources: 《现代汉语
// 词典》(第7版) readings of these words, and GB/T 2260 for the Zhejiang
// place name (乐清市 330382). The choice of words is an
// example list of what staff type most, not a complete one.
var wordReadings = map[string][]string{
	"重庆":  {"chong", "qing"},
	"长沙":  {"chang", "sha"},
	"乐清":  {"yue", "qing"},
	"厦门":  {"xia", "men"},
	"蚌埠":  {"beng", "bu"},
	"六安":  {"lu", "an"},
	"银行":  {"yin", "hang"},
	"商行":  {"shang", "hang"},
	"车行":  {"che", "hang"},
	"行业":  {"hang", "ye"},
	"朝阳":  {"chao", "yang"},
	"单县":  {"shan", "xian"},
	"音乐":  {"yin", "yue"},
	"乐器":  {"yue", "qi"},
	"董事长": {"dong", "shi", "zhang"},
}

// charReadings overrides a character's reading everywhere outside
// wordReadings: in company names 长 is cháng (长城, 长江, 长安, 长虹, 长兴)
// far more often than zhǎng.
var charReadings = map[rune]string{
	'长': "chang",
}

// surnameReadings are the readings of these characters as the first
// character of a person's name (《百家姓》 readings, e.g. 曾 zēng, 单 shàn).
var surnameReadings = map[rune]string{
	'曾': "zeng", '单': "shan", '解': "xie", '仇': "qiu", '查': "zha",
	'朴': "piao", '区': "ou", '盖': "ge", '乐': "yue", '翟': "zhai",
	'覃': "qin", '缪': "miao", '种': "chong", '秘': "bi", '尉': "yu",
	'长': "chang", '重': "chong",
}

// wordStarts holds the first rune of every wordReadings key, so most
// positions skip the word lookup.
var wordStarts = func() map[rune]bool {
	m := make(map[rune]bool, len(wordReadings))
	for w := range wordReadings {
		r, _ := utf8.DecodeRuneInString(w)
		m[r] = true
	}
	return m
}()

// maxPinyin bounds the pinyin kept per name so that syllable offsets fit
// in uint16 whatever the input.
const maxPinyin = 4096

// pinyinOf returns the full pinyin of a normalised name (syllables joined,
// no tones), its initials (one letter per syllable) and the byte offset of
// each syllable in the full pinyin. ASCII letters and digits count as
// syllables of their own; other characters without a reading are skipped.
// person selects surname readings for the first character.
func pinyinOf(name string, person bool) (full, initials string, starts []uint16) {
	var fb, ib strings.Builder
	rs := []rune(name)
	add := func(syl string) {
		if syl == "" || fb.Len()+len(syl) > maxPinyin {
			return
		}
		starts = append(starts, uint16(fb.Len()))
		fb.WriteString(syl)
		ib.WriteByte(syl[0])
	}
	for i := 0; i < len(rs); i++ {
		if wordStarts[rs[i]] {
			if n, syls := wordAt(rs[i:]); n > 0 {
				for _, s := range syls {
					add(s)
				}
				i += n - 1
				continue
			}
		}
		if r, ok := surnameReadings[rs[i]]; ok && person && i == 0 {
			add(r)
			continue
		}
		add(reading(rs[i]))
	}
	return fb.String(), ib.String(), starts
}

// wordAt returns the length and readings of the override word at the start
// of rs, or 0.
func wordAt(rs []rune) (int, []string) {
	for n := 3; n >= 2; n-- {
		if len(rs) >= n {
			if syls, ok := wordReadings[string(rs[:n])]; ok {
				return n, syls
			}
		}
	}
	return 0, nil
}

// reading returns one syllable for r: itself for ASCII letters and digits,
// the (overridden) first reading in go-pinyin's dictionary for Han
// characters, "" otherwise. Tones are stripped here rather than through
// go-pinyin's regexp-based styles, which cost more than the rest of
// indexing together.
func reading(r rune) string {
	switch {
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return asciiSyllables[r]
	case r < 0x80:
		return ""
	}
	if s, ok := charReadings[r]; ok {
		return s
	}
	all, ok := pinyin.PinyinDict[int(r)]
	if !ok {
		return ""
	}
	first, _, _ := strings.Cut(all, ",")
	return stripTones(first)
}

// asciiSyllables avoids allocating a string per Latin letter or digit.
var asciiSyllables = func() map[rune]string {
	m := make(map[rune]string, 36)
	for _, r := range "abcdefghijklmnopqrstuvwxyz0123456789" {
		m[r] = string(r)
	}
	return m
}()

// toneless maps the toned vowels of go-pinyin's dictionary to plain
// letters, ü to v as pinyin input methods type it.
var toneless = map[rune]rune{
	'ā': 'a', 'á': 'a', 'ǎ': 'a', 'à': 'a',
	'ē': 'e', 'é': 'e', 'ě': 'e', 'è': 'e', 'ê': 'e', 'ế': 'e', 'ề': 'e',
	'ī': 'i', 'í': 'i', 'ǐ': 'i', 'ì': 'i',
	'ō': 'o', 'ó': 'o', 'ǒ': 'o', 'ò': 'o',
	'ū': 'u', 'ú': 'u', 'ǔ': 'u', 'ù': 'u',
	'ü': 'v', 'ǖ': 'v', 'ǘ': 'v', 'ǚ': 'v', 'ǜ': 'v',
	'ḿ': 'm', 'ń': 'n', 'ň': 'n', 'ǹ': 'n',
}

// stripTones returns a dictionary reading as lower-case a–z only.
func stripTones(s string) string {
	return strings.Map(func(r rune) rune {
		if t, ok := toneless[r]; ok {
			return t
		}
		if r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, s)
}
