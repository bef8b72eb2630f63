package search

import (
	"slices"
	"sort"
)

// intersectAll returns the slots present in every sorted list, smallest
// list first so the work follows the rarest gram.
func intersectAll(lists [][]uint32) []uint32 {
	if len(lists) == 0 {
		return nil
	}
	slices.SortFunc(lists, func(a, b []uint32) int { return len(a) - len(b) })
	out := slices.Clone(lists[0])
	for _, l := range lists[1:] {
		if len(out) == 0 {
			break
		}
		out = intersect(out, l)
	}
	return out
}

// intersect keeps in a (in place) the slots also in b. A much shorter a
// binary-searches b instead of walking it.
func intersect(a, b []uint32) []uint32 {
	out := a[:0]
	if len(a)*16 < len(b) {
		for _, x := range a {
			i := sort.Search(len(b), func(i int) bool { return b[i] >= x })
			if i < len(b) && b[i] == x {
				out = append(out, x)
			}
			b = b[i:]
		}
		return out
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}
