package search

import (
	"container/heap"
	"slices"
)

// candidate is a slot with its total score, ordered by rankLess.
type candidate struct {
	slot  uint32
	score int32
}

// rankLess reports whether a ranks before b: higher score, then shorter
// name, then smaller ID, so the order never depends on insertion.
func (ix *Index) rankLess(a, b candidate) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if la, lb := ix.nameLen[a.slot], ix.nameLen[b.slot]; la != lb {
		return la < lb
	}
	if ka, kb := ix.idKey[a.slot], ix.idKey[b.slot]; ka != kb {
		return ka.less(kb)
	}
	return string(ix.field(a.slot, efID)) < string(ix.field(b.slot, efID))
}

// idPrefix is the first 16 bytes of an ID, big-endian and zero-padded:
// where two differ they order as the IDs do, and a ULID's first 16
// characters hold its time and 30 random bits, so ties are rare. Many
// candidates tie on score and name length, and comparing these instead of
// the strings behind two pointers halved the time of one-letter queries.
type idPrefix [2]uint64

func prefixOf(id []byte) idPrefix {
	var p idPrefix
	for i := 0; i < 16 && i < len(id); i++ {
		p[i/8] |= uint64(id[i]) << (56 - 8*(i%8))
	}
	return p
}

func (a idPrefix) less(b idPrefix) bool {
	if a[0] != b[0] {
		return a[0] < b[0]
	}
	return a[1] < b[1]
}

// worstFirst is a heap whose root is the worst of the kept candidates.
type worstFirst struct {
	ix *Index
	c  []candidate
}

func (h *worstFirst) Len() int           { return len(h.c) }
func (h *worstFirst) Less(i, j int) bool { return h.ix.rankLess(h.c[j], h.c[i]) }
func (h *worstFirst) Swap(i, j int)      { h.c[i], h.c[j] = h.c[j], h.c[i] }
func (h *worstFirst) Push(x any)         { h.c = append(h.c, x.(candidate)) }
func (h *worstFirst) Pop() any {
	x := h.c[len(h.c)-1]
	h.c = h.c[:len(h.c)-1]
	return x
}

// rank turns the slots that matched every term into at most limit Results
// (all when limit ≤ 0), best first.
func (ix *Index) rank(s *scratch, limit int) []Result {
	var kept []candidate
	if limit <= 0 || limit >= len(s.touched) {
		kept = make([]candidate, 0, len(s.touched))
		for _, slot := range s.touched {
			if ix.live(slot) {
				kept = append(kept, candidate{slot, s.acc[slot]})
			}
		}
	} else {
		h := &worstFirst{ix: ix, c: make([]candidate, 0, limit)}
		for _, slot := range s.touched {
			if !ix.live(slot) {
				continue
			}
			c := candidate{slot, s.acc[slot]}
			switch {
			case len(h.c) < limit:
				heap.Push(h, c)
			case ix.rankLess(c, h.c[0]):
				h.c[0] = c
				heap.Fix(h, 0)
			}
		}
		kept = h.c
	}
	slices.SortFunc(kept, func(a, b candidate) int {
		if ix.rankLess(a, b) {
			return -1
		}
		if ix.rankLess(b, a) {
			return 1
		}
		return 0
	})
	out := make([]Result, len(kept))
	for i, c := range kept {
		e := ix.entry(c.slot)
		out[i] = Result{
			ID: string(e.id()), Kind: e.kindName(), EnterpriseID: string(e.f[efEnterpriseID]), Name: string(e.f[efDisplay]),
			Score: int(c.score), Field: matchField(s.bestField[c.slot]).String(),
		}
	}
	return out
}
