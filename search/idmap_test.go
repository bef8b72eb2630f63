package search

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestIDMapAgreesWithMap drives the ID table through growth, replaces
// and removes (backward-shift deletion, probes that wrap around the end
// of the table) and checks every ID ever used against a Go map after
// each round.
func TestIDMapAgreesWithMap(t *testing.T) {
	for _, tc := range []struct {
		name string
		ids  int // distinct IDs drawn from
		ops  int
	}{
		{"few IDs, many replaces", 50, 5000},
		{"growth", 5000, 20000},
		{"wide", 40000, 60000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, uint64(tc.ids)))
			ix := New()
			want := map[string]bool{}
			check := func(round int) {
				t.Helper()
				for i := range tc.ids {
					id := fmt.Sprintf("id-%d", i)
					slot, ok := ix.ids.get(ix, []byte(id))
					if ok != want[id] {
						t.Fatalf("round %d: %s found=%v, want %v", round, id, ok, want[id])
					}
					if ok && (!ix.live(slot) || string(ix.field(slot, efID)) != id) {
						t.Fatalf("round %d: %s maps to slot %d holding %q (live %v)", round, id, slot, ix.field(slot, efID), ix.live(slot))
					}
				}
				if ix.Len() != len(want) || ix.ids.n != len(want) {
					t.Fatalf("round %d: Len %d, table %d, want %d", round, ix.Len(), ix.ids.n, len(want))
				}
			}
			for op := range tc.ops {
				id := fmt.Sprintf("id-%d", rng.IntN(tc.ids))
				if rng.IntN(3) == 0 {
					ix.Remove(id)
					delete(want, id)
				} else {
					ix.Put(Doc{ID: id, Kind: KindEnterprise, Name: "杭州" + id})
					want[id] = true
				}
				if op%(tc.ops/5) == 0 {
					check(op)
				}
			}
			check(tc.ops)
		})
	}
}
