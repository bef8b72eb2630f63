package search

import (
	"encoding/binary"
	"slices"
)

// postings maps keys to ascending slot lists. The frozen part is one
// sorted key array and one byte array holding each key's slots as
// uvarint gaps from the previous slot: most lists are long and dense (a
// common character or pinyin prefix), so a slot costs little more than a
// byte instead of four, and there is no per-list header or spare
// capacity. Slots put after the freeze are in extra; since slots only
// grow, extra's slots for a key all follow the frozen ones.
type postings struct {
	keys   []uint64
	counts []uint32 // slots of keys[i]
	starts []uint32 // len(keys)+1: keys[i]'s gaps are data[starts[i]:starts[i+1]]
	data   []byte
	extra  map[uint64][]uint32
	extraN int // slots in extra
}

// frozen returns the encoded slots and count of a key.
func (p *postings) frozen(k uint64) ([]byte, int) {
	i, ok := slices.BinarySearch(p.keys, k)
	if !ok {
		return nil, 0
	}
	return p.data[p.starts[i]:p.starts[i+1]], int(p.counts[i])
}

// each calls fn with the slots of a key in ascending order.
func (p *postings) each(k uint64, fn func(uint32)) {
	b, _ := p.frozen(k)
	slot := uint32(0)
	for len(b) > 0 {
		gap, n := binary.Uvarint(b)
		if n <= 0 {
			break // cannot happen for what buildPostings wrote
		}
		slot += uint32(gap)
		fn(slot)
		b = b[n:]
	}
	for _, s := range p.extra[k] {
		fn(s)
	}
}

// list returns the ascending slots of a key (nil when absent) in a new
// slice.
func (p *postings) list(k uint64) []uint32 {
	_, n := p.frozen(k)
	more := p.extra[k]
	if n+len(more) == 0 {
		return nil
	}
	out := make([]uint32, 0, n+len(more))
	p.each(k, func(s uint32) { out = append(out, s) })
	return out
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

// frozenN is the number of frozen postings.
func (p *postings) frozenN() int { return len(p.data) }

// buildPostings freezes the postings of slots 0…n-1, whose keys keysOf
// appends (it may append none for a removed slot). It runs keysOf twice
// rather than holding every (key, slot) pair at once: a first pass sizes
// each key's gaps, a second writes them in place.
func buildPostings(n int, keysOf func(slot uint32, keys []uint64) []uint64) postings {
	index := make(map[uint64]uint32) // key → its number in first-seen order
	var seen []uint64
	var count, size, last []uint32
	var keys []uint64
	each := func(fn func(slot uint32, i uint32)) {
		for slot := range uint32(n) {
			keys = distinct(keysOf(slot, keys[:0]))
			for _, k := range keys {
				i, ok := index[k]
				if !ok {
					i = uint32(len(seen))
					index[k] = i
					seen = append(seen, k)
					count, size, last = append(count, 0), append(size, 0), append(last, 0)
				}
				fn(slot, i)
			}
		}
	}
	each(func(slot, i uint32) {
		size[i] += uint32(uvarintLen(slot - last[i]))
		count[i]++
		last[i] = slot
	})
	order := make([]uint32, len(seen)) // key numbers by key
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int {
		switch {
		case seen[a] < seen[b]:
			return -1
		case seen[a] > seen[b]:
			return 1
		}
		return 0
	})
	p := postings{
		keys:   make([]uint64, len(order)),
		counts: make([]uint32, len(order)),
		starts: make([]uint32, len(order)+1),
	}
	next := make([]uint32, len(seen)) // by key number: where its next gap goes
	for j, i := range order {
		p.keys[j], p.counts[j] = seen[i], count[i]
		next[i] = p.starts[j]
		p.starts[j+1] = p.starts[j] + size[i]
		last[i] = 0
	}
	p.data = make([]byte, p.starts[len(order)])
	each(func(slot, i uint32) {
		next[i] += uint32(binary.PutUvarint(p.data[next[i]:], uint64(slot-last[i])))
		last[i] = slot
	})
	return p
}

func uvarintLen(x uint32) int {
	n := 1
	for x >= 0x80 {
		x >>= 7
		n++
	}
	return n
}

// distinct sorts keys and drops repeats.
func distinct(keys []uint64) []uint64 {
	slices.Sort(keys)
	return slices.Compact(keys)
}
