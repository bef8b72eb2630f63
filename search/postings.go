package search

import (
	"slices"
)

// postings maps keys to ascending slot lists. The frozen part is one
// sorted key array with the start of each key's slots in one slot array
// (12 bytes a key plus 4 a posting, no per-list header or spare
// capacity); slots put after the freeze are in extra, and since slots
// only grow, extra's slots for a key all follow the frozen ones.
type postings struct {
	keys   []uint64
	starts []uint32 // len(keys)+1: slots of keys[i] are slots[starts[i]:starts[i+1]]
	slots  []uint32
	extra  map[uint64][]uint32
	extraN int // slots in extra
}

// list returns the ascending slots of a key (nil when absent). It
// allocates only when a key has slots both frozen and since.
func (p *postings) list(k uint64) []uint32 {
	var frozen []uint32
	if i, ok := slices.BinarySearch(p.keys, k); ok {
		frozen = p.slots[p.starts[i]:p.starts[i+1]:p.starts[i+1]]
	}
	more := p.extra[k]
	switch {
	case len(more) == 0:
		return frozen
	case len(frozen) == 0:
		return more
	}
	return append(frozen, more...) // frozen is clipped: this copies
}

// add posts a new slot, larger than every slot posted before, under keys
// (unsorted, possibly repeated).
func (p *postings) add(slot uint32, keys []uint64) {
	if p.extra == nil {
		p.extra = make(map[uint64][]uint32)
	}
	for _, k := range keys {
		if l := p.extra[k]; len(l) == 0 || l[len(l)-1] != slot {
			p.extra[k] = append(l, slot)
			p.extraN++
		}
	}
}

// buildPostings freezes the postings of slots 0…n-1, whose keys keysOf
// appends (it may append none for a removed slot). It runs keysOf twice
// rather than holding every (key, slot) pair at once: a first pass counts
// the slots of each key, a second fills them in place.
func buildPostings(n int, keysOf func(slot uint32, keys []uint64) []uint64) postings {
	count := make(map[uint64]uint32)
	var keys []uint64
	each := func(fn func(slot uint32, k uint64)) {
		for slot := range uint32(n) {
			keys = distinct(keysOf(slot, keys[:0]))
			for _, k := range keys {
				fn(slot, k)
			}
		}
	}
	each(func(_ uint32, k uint64) { count[k]++ })
	p := postings{keys: make([]uint64, 0, len(count))}
	for k := range count {
		p.keys = append(p.keys, k)
	}
	slices.Sort(p.keys)
	p.starts = make([]uint32, len(p.keys)+1)
	for i, k := range p.keys {
		p.starts[i+1] = p.starts[i] + count[k]
		count[k] = uint32(i) // from here on: the key's index
	}
	p.slots = make([]uint32, p.starts[len(p.keys)])
	next := slices.Clone(p.starts[:len(p.keys)])
	each(func(slot uint32, k uint64) {
		i := count[k]
		p.slots[next[i]] = slot
		next[i]++
	})
	return p
}

// distinct sorts keys and drops repeats.
func distinct(keys []uint64) []uint64 {
	slices.Sort(keys)
	return slices.Compact(keys)
}
