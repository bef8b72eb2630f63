package search

// scratch holds per-slot accumulators for one query. Arrays are indexed by
// slot and reset after use through touched, so a query costs time in the
// number of candidates, not of documents.
type scratch struct {
	cnt       []uint8  // terms matched so far
	termScore []uint16 // best score of the current term
	termField []uint8  // field of that score
	acc       []int32  // sum of scores over finished terms
	best      []uint16 // best single-term score
	bestField []uint8  // field of best
	touched   []uint32 // live slots the first term matched
	gone      []uint64 // the index's removed-slot bits during this query
}

// grow makes every array cover n slots, with room to spare so that a
// stream of Puts does not reallocate on every query.
func (s *scratch) grow(n int) {
	if len(s.cnt) >= n {
		return
	}
	n += n/4 + 1024
	s.cnt = make([]uint8, n)
	s.termScore = make([]uint16, n)
	s.termField = make([]uint8, n)
	s.acc = make([]int32, n)
	s.best = make([]uint16, n)
	s.bestField = make([]uint8, n)
}

// hit records that term number t matched slot with a score. Only slots
// that matched every earlier term count.
func (s *scratch) hit(t int, slot uint32, score uint16, f matchField) {
	switch c := int(s.cnt[slot]); {
	case c == t:
		if t == 0 && isGone(s.gone, slot) {
			return // removed: never a candidate, never counted in touched
		}
		s.cnt[slot] = uint8(t + 1)
		s.termScore[slot], s.termField[slot] = score, uint8(f)
		if t == 0 {
			s.touched = append(s.touched, slot)
		}
	case c == t+1 && score > s.termScore[slot]:
		s.termScore[slot], s.termField[slot] = score, uint8(f)
	}
}

// finishTerm adds term t's scores into the totals and drops the slots that
// missed it from touched.
func (s *scratch) finishTerm(t int) {
	kept := s.touched[:0]
	for _, slot := range s.touched {
		if int(s.cnt[slot]) != t+1 {
			s.reset(slot)
			continue
		}
		ts := s.termScore[slot]
		s.acc[slot] += int32(ts)
		if ts > s.best[slot] {
			s.best[slot], s.bestField[slot] = ts, s.termField[slot]
		}
		kept = append(kept, slot)
	}
	s.touched = kept
}

func (s *scratch) reset(slot uint32) {
	s.cnt[slot], s.termScore[slot], s.termField[slot] = 0, 0, 0
	s.acc[slot], s.best[slot], s.bestField[slot] = 0, 0, 0
}

// clear resets every touched slot for the next query.
func (s *scratch) clear() {
	for _, slot := range s.touched {
		s.reset(slot)
	}
	s.touched = s.touched[:0]
	s.gone = nil
}
