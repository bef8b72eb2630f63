package searchtest

import "math/rand/v2"

// Person is one synthetic contact.
type Person struct {
	Name   string // e.g. 张伟
	Title  string // 职务, e.g. 总经理
	Mobile string // E.164, e.g. +8613800008000
}

// People returns n people with distinct mobiles (names repeat, as they do).
// The same n and seed always give the same list, and a smaller n gives a
// prefix of a larger one.
func People(n int, seed int64) []Person {
	rng := newRand(seed, 2)
	out := make([]Person, 0, max(n, 0))
	seen := make(map[string]bool, max(n, 0))
	for len(out) < n {
		m := mobile(rng)
		if seen[m] {
			continue
		}
		seen[m] = true
		out = append(out, Person{Name: personName(rng), Title: pick(rng, titles), Mobile: m})
	}
	return out
}

// personName draws a surname biased to the common ones (the square of a
// uniform draw favours low indexes) and one or two given-name characters.
func personName(rng *rand.Rand) string {
	f := rng.Float64()
	name := []rune{surnames[int(f*f*float64(len(surnames)))]}
	for range 1 + rng.IntN(2) {
		name = append(name, pick(rng, givenChars))
	}
	return string(name)
}

func mobile(rng *rand.Rand) string {
	b := []byte("+86" + pick(rng, mobilePrefixes))
	for range 8 {
		b = append(b, byte('0'+rng.IntN(10)))
	}
	return string(b)
}
