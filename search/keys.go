package search

// field names what a gram was cut from; it is the top byte of a key, so
// one map holds every posting list.
type field uint8

const (
	fName         field = iota + 1 // name unigrams and bigrams
	fNameHead                      // first rune and first two runes of the name
	fShort                         // short name unigrams and bigrams
	fAddr                          // address unigrams and bigrams
	fInitials                      // pinyin initials unigrams and bigrams
	fInitialsHead                  // first one and two initials
	fPinyin                        // 2–6 letters of full pinyin from each syllable start
	fPinyinHead                    // 2–6 letters from the start of the full pinyin
	fCode                          // credit code prefixes of 2–6 characters
	fMobile                        // last four digits of each mobile
)

// maxPinyinKey is the longest pinyin key. Shorter keys left lists too
// long to verify fast: "xia" starts xian, xiang and xiao, and 有限 puts
// "xian" in nearly every company name.
const maxPinyinKey = 6

// Key layout: field in bits 56–63; rune keys put a unigram flag in bit 42
// and the runes in bits 21–41 and 0–20 (runes are at most 21 bits); string
// keys put the length in bits 48–55 and up to six bytes below.
const unigramFlag = 1 << 42

// uniKey is the key of one rune.
func uniKey(f field, a rune) uint64 {
	return uint64(f)<<56 | unigramFlag | uint64(a)<<21
}

// biKey is the key of two adjacent runes.
func biKey(f field, a, b rune) uint64 {
	return uint64(f)<<56 | uint64(a)<<21 | uint64(b)
}

// strKey is the key of a short ASCII string (at most six bytes are used).
func strKey[T string | []byte](f field, s T) uint64 {
	if len(s) > 6 {
		s = s[:6]
	}
	k := uint64(f)<<56 | uint64(len(s))<<48
	for i := 0; i < len(s); i++ {
		k |= uint64(s[i]) << (8 * i)
	}
	return k
}

// gramKeys appends the unigram and bigram keys of text to keys.
func gramKeys(keys []uint64, f field, text []byte) []uint64 {
	prev := rune(-1)
	for _, r := range string(text) {
		if !indexable(r) {
			prev = -1
			continue
		}
		keys = append(keys, uniKey(f, r))
		if prev >= 0 {
			keys = append(keys, biKey(f, prev, r))
		}
		prev = r
	}
	return keys
}

// headKeys appends the keys of the first rune and first two runes of text.
func headKeys(keys []uint64, f field, text []byte) []uint64 {
	var first rune
	n := 0
	for _, r := range string(text) {
		if n == 0 {
			first = r
			keys = append(keys, uniKey(f, r))
		} else {
			keys = append(keys, biKey(f, first, r))
			break
		}
		n++
	}
	return keys
}

// docKeys appends every key an entry is posted under to keys, unsorted and
// possibly repeated.
func docKeys(keys []uint64, e *entry) []uint64 {
	keys = gramKeys(keys, fName, e.name())
	keys = headKeys(keys, fNameHead, e.name())
	keys = gramKeys(keys, fShort, e.short())
	keys = gramKeys(keys, fAddr, e.addr())
	keys = gramKeys(keys, fInitials, e.initials())
	keys = headKeys(keys, fInitialsHead, e.initials())
	py, first := e.pinyin(), true
	e.eachStart(func(s int) bool {
		for n := 2; n <= maxPinyinKey && s+n <= len(py); n++ {
			k := py[s : s+n]
			keys = append(keys, strKey(fPinyin, k))
			if first {
				keys = append(keys, strKey(fPinyinHead, k))
			}
		}
		first = false
		return true
	})
	code := e.code()
	for n := 2; n <= 6 && n <= len(code); n++ {
		keys = append(keys, strKey(fCode, code[:n]))
	}
	e.eachMobile(func(m []byte) bool {
		if len(m) >= 4 {
			keys = append(keys, strKey(fMobile, m[len(m)-4:]))
		}
		return true
	})
	return keys
}
