package merge

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// permutations calls f with every ordering of n indexes (Heap's algorithm).
func permutations(n int, f func([]int)) {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	var gen func(k int)
	gen = func(k int) {
		if k == 1 {
			f(p)
			return
		}
		for i := 0; i < k; i++ {
			gen(k - 1)
			if k%2 == 0 {
				p[i], p[k-1] = p[k-1], p[i]
			} else {
				p[0], p[k-1] = p[k-1], p[0]
			}
		}
	}
	gen(n)
}

// randomChanges makes n edits of a few fields of one record by a few
// nodes, some with bases, some deletes and restores.
func randomChanges(rng *rand.Rand, n int) []protocol.Change {
	var out []protocol.Change
	var stamps []string
	for i := range n {
		node := string(rune('a' + rng.IntN(3)))
		// A node never issues one stamp twice: the counter keeps them unique.
		stamp := st(int64(1000+rng.IntN(5)), uint32(i), node)
		field := []string{"name", "notes"}[rng.IntN(2)]
		var c protocol.Change
		switch r := rng.IntN(10); {
		case r == 0:
			c = del("r", stamp)
		case r == 1:
			c = protocol.Change{Kind: "enterprise", RecordID: "r", Op: protocol.OpRestore,
				Versions: map[string]string{protocol.RestoredKey: stamp}}
		default:
			c = put("r", field, fmt.Sprintf(`"v%d"`, rng.IntN(3)), stamp)
			if len(stamps) > 0 && rng.IntN(2) == 0 {
				c = withBase(c, field, stamps[rng.IntN(len(stamps))])
			}
		}
		c.MutationID = fmt.Sprintf("m%d", i)
		stamps = append(stamps, stamp)
		out = append(out, c)
	}
	return out
}

// TestOrderIndependence: every replica that applies the same changes in
// any order ends in the same state with the same conflicts, and every
// losing value not seen by a later editor is in the conflicts.
func TestOrderIndependence(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2026))
	for round := range 60 {
		changes := randomChanges(rng, 6)
		var want State
		first := true
		permutations(len(changes), func(order []int) {
			var s State
			for _, i := range order {
				r, err := Apply(s, changes[i], Options{})
				if err != nil {
					t.Fatalf("round %d: %v", round, err)
				}
				s = r.State
			}
			if first {
				want, first = s, false
				checkLosersKept(t, changes, s)
				return
			}
			if !reflect.DeepEqual(canon(s), canon(want)) {
				t.Fatalf("round %d order %v:\n got %s\nwant %s", round, order, canon(s), canon(want))
			}
		})
	}
}

// checkLosersKept asserts that each put value that is not the winner and
// not covered by a base is in the conflicts (or equals the winner).
func checkLosersKept(t *testing.T, changes []protocol.Change, s State) {
	t.Helper()
	shown := map[string]bool{}
	for _, c := range s.Losers {
		shown[c.Field+"|"+c.Version+"|"+string(c.Value)] = true
	}
	for _, c := range changes {
		for f, v := range c.Fields {
			cur := s.Fields[f]
			stamp := c.Versions[f]
			if stamp == cur.Version || compareText(stamp, cur.Seen) <= 0 {
				continue
			}
			if !shown[f+"|"+stamp+"|"+string(v)] {
				t.Fatalf("losing value %s=%s@%s missing from conflicts %v", f, v, stamp, s.Losers)
			}
		}
	}
}

func canon(s State) string {
	b, _ := json.Marshal(struct {
		S State
		C []protocol.Conflict
		D bool
	}{s, s.Conflicts(), s.IsDeleted()})
	return string(b)
}
