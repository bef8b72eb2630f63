package search

import (
	"bytes"
	"strings"
)

// Result is one ranked match.
type Result struct {
	ID           string
	Kind         string
	EnterpriseID string
	Name         string // as put, for display (Hit.Title)
	Score        int
	// Field is what matched best: "name", "short_name", "pinyin_initials",
	// "pinyin", "address", "credit_code" or "mobile".
	Field string
}

// Query returns the documents matching every term of q, best first. limit
// ≤ 0 returns all matches. An empty or blank q returns nil.
func (ix *Index) Query(q string, limit int) []Result {
	ts := terms(q)
	if len(ts) == 0 {
		return nil
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s, _ := ix.scratch.Get().(*scratch)
	if s == nil {
		s = new(scratch)
	}
	defer ix.scratch.Put(s)
	s.grow(len(ix.off))
	defer s.clear()
	s.gone = ix.gone
	for t, term := range ts {
		// One term may stop at limit candidates: see matchTerm.
		enough := -1
		if len(ts) == 1 && limit > 0 {
			enough = limit
		}
		ix.matchTerm(s, t, term, enough)
		s.finishTerm(t)
		if len(s.touched) == 0 {
			return nil
		}
	}
	return ix.rank(s, limit)
}

// matchTerm feeds the matches of one term into s, field by field in
// falling score order. Every score a later step can give is at most the
// lowest score an earlier step gave, so once the first term holds enough
// (≥ 0) live candidates, later steps cannot change the top enough and are
// skipped. Search-as-you-type's one-letter terms stop after the name
// prefixes instead of scoring half the index.
func (ix *Index) matchTerm(s *scratch, t int, term string, enough int) {
	m := &termMatch{ix: ix, s: s, t: t, term: term, tb: []byte(term), rs: []rune(term)}
	for _, step := range m.steps() {
		step()
		if enough >= 0 && len(s.touched) >= enough {
			return
		}
	}
}

// termMatch is one term being matched into a scratch.
type termMatch struct {
	ix   *Index
	s    *scratch
	t    int // term number
	term string
	tb   []byte // term as bytes, for matching the arena's text
	rs   []rune
}

// steps lists the matchers that apply to the term, in falling score order.
func (m *termMatch) steps() []func() {
	steps := []func(){m.namePrefix, m.shortName, m.nameSubstring}
	if isLetters(m.term) {
		steps = append(steps, m.initialsPrefix, m.initials)
		if len(m.term) >= 2 { // one letter is the initials match already
			steps = append(steps, m.pinyin)
		}
	}
	return append(steps, m.address, m.codeOrMobile)
}

// hit returns a callback scoring a slot for this term.
func (m *termMatch) hit(score uint16, f matchField) func(uint32) {
	return func(slot uint32) { m.s.hit(m.t, slot, score, f) }
}

func (m *termMatch) namePrefix() {
	m.ix.prefixMatch(fNameHead, m.rs, m.tb, efName, func(slot uint32) {
		// A prefix as long as the name is the whole name.
		score := uint16(scoreNamePrefix)
		if int(m.ix.nameLen[slot]) == len(m.rs) {
			score = scoreExactName
		}
		m.s.hit(m.t, slot, score, mName)
	})
}

func (m *termMatch) shortName() {
	m.ix.textMatch(fShort, m.rs, m.tb, efShort, func(slot uint32) {
		score := uint16(scoreShort)
		if string(m.ix.field(slot, efShort)) == m.term {
			score = scoreShortExact
		}
		m.s.hit(m.t, slot, score, mShortName)
	})
}

func (m *termMatch) nameSubstring() {
	m.ix.textMatch(fName, m.rs, m.tb, efName, m.hit(scoreName, mName))
}

func (m *termMatch) initialsPrefix() {
	m.ix.prefixMatch(fInitialsHead, m.rs, m.tb, efInitials, m.hit(scoreInitialsPrefix, mPinyinInitials))
}

func (m *termMatch) initials() {
	m.ix.textMatch(fInitials, m.rs, m.tb, efInitials, m.hit(scoreInitials, mPinyinInitials))
}

func (m *termMatch) pinyin() {
	m.ix.pinyinMatch(m.tb, m.hit(scorePinyinPrefix, mPinyin), m.hit(scorePinyin, mPinyin))
}

func (m *termMatch) address() {
	m.ix.textMatch(fAddr, m.rs, m.tb, efAddr, m.hit(scoreAddress, mAddress))
}

// codeOrMobile is one step because the two scores tie.
func (m *termMatch) codeOrMobile() {
	if isAlnum(m.term) && len(m.term) >= 2 {
		m.ix.codeMatch(m.tb, m.hit(scoreCreditCode, mCreditCode))
	}
	if d := strings.TrimPrefix(m.term, "+86"); isDigits(d) && len(d) >= 4 {
		m.ix.mobileMatch([]byte(d), m.hit(scoreMobile, mMobile))
	}
}

// textMatch calls fn for every slot whose text (unigrams and bigrams posted
// under f) contains term. One- and two-rune terms are exact from their
// posting list; longer ones intersect their bigrams and verify.
func (ix *Index) textMatch(f field, rs []rune, term []byte, text entryField, fn func(uint32)) {
	switch len(rs) {
	case 1:
		ix.each(uniKey(f, rs[0]), fn)
		return
	case 2:
		ix.each(biKey(f, rs[0], rs[1]), fn)
		return
	}
	lists := make([][]uint32, 0, len(rs)-1)
	for i := 1; i < len(rs); i++ {
		list := ix.list(biKey(f, rs[i-1], rs[i]))
		if len(list) == 0 {
			return
		}
		lists = append(lists, list)
	}
	for _, slot := range intersectAll(lists) {
		if ix.live(slot) && bytes.Contains(ix.field(slot, text), term) {
			fn(slot)
		}
	}
}

// liveEntry decodes the entry of a slot unless it was removed.
func (ix *Index) liveEntry(slot uint32) (entry, bool) {
	if !ix.live(slot) {
		return entry{}, false
	}
	return ix.entry(slot), true
}

// list returns the posting list of a key (nil when absent).
func (ix *Index) list(k uint64) []uint32 { return ix.post.list(k) }

// prefixMatch calls fn for every slot whose text starts with term, using
// the head keys posted under f.
func (ix *Index) prefixMatch(f field, rs []rune, term []byte, text entryField, fn func(uint32)) {
	if len(rs) == 1 {
		ix.each(uniKey(f, rs[0]), fn)
		return
	}
	k := biKey(f, rs[0], rs[1])
	if len(rs) == 2 {
		ix.each(k, fn)
		return
	}
	ix.each(k, func(slot uint32) {
		if ix.live(slot) && bytes.HasPrefix(ix.field(slot, text), term) {
			fn(slot)
		}
	})
}

// pinyinMatch finds term as a prefix of the full pinyin from any syllable
// start: atStart for the first syllable, anywhere for the others.
func (ix *Index) pinyinMatch(term []byte, atStart, anywhere func(uint32)) {
	if len(term) <= maxPinyinKey {
		ix.each(strKey(fPinyinHead, term), atStart)
		ix.each(strKey(fPinyin, term), anywhere)
		return
	}
	ix.each(strKey(fPinyinHead, term), func(slot uint32) {
		if ix.live(slot) && bytes.HasPrefix(ix.field(slot, efPinyin), term) {
			atStart(slot)
		}
	})
	ix.each(strKey(fPinyin, term), func(slot uint32) { // keyed by the first six letters
		if e, ok := ix.liveEntry(slot); ok && pinyinHas(&e, term) {
			anywhere(slot)
		}
	})
}

// pinyinHas reports whether term starts at some syllable of e's pinyin.
func pinyinHas(e *entry, term []byte) bool {
	py, found := e.pinyin(), false
	e.eachStart(func(s int) bool {
		found = s <= len(py) && bytes.HasPrefix(py[s:], term)
		return !found
	})
	return found
}

// codeMatch finds credit codes that start with term.
func (ix *Index) codeMatch(term []byte, fn func(uint32)) {
	k := strKey(fCode, term)
	if len(term) <= 6 {
		ix.each(k, fn)
		return
	}
	ix.each(k, func(slot uint32) {
		if ix.live(slot) && bytes.HasPrefix(ix.field(slot, efCode), term) {
			fn(slot)
		}
	})
}

// mobileMatch finds mobiles whose national digits end with digits.
func (ix *Index) mobileMatch(digits []byte, fn func(uint32)) {
	k := strKey(fMobile, digits[len(digits)-4:])
	if len(digits) == 4 {
		ix.each(k, fn)
		return
	}
	ix.each(k, func(slot uint32) {
		e, ok := ix.liveEntry(slot)
		if !ok {
			return
		}
		e.eachMobile(func(m []byte) bool {
			if bytes.HasSuffix(m, digits) {
				fn(slot)
				return false
			}
			return true
		})
	})
}

// each calls fn with every slot posted under k, in ascending order,
// without building the list.
func (ix *Index) each(k uint64, fn func(uint32)) { ix.post.each(k, fn) }
