package merge

import (
	"github.com/shanhaifield/shanhai/hlc"
)

// compareText compares two stamps in text form; "" is before everything.
// Stored stamps were parsed when they came in, so a parse failure here
// means a damaged store; it falls back to text order, which matches
// Compare for well-formed stamps.
func compareText(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return -1
	case b == "":
		return 1
	}
	sa, errA := hlc.Parse(a)
	sb, errB := hlc.Parse(b)
	if errA != nil || errB != nil {
		if a < b {
			return -1
		}
		return 1
	}
	return hlc.Compare(sa, sb)
}

// maxText returns the later of two stamps.
func maxText(a, b string) string {
	if compareText(a, b) >= 0 {
		return a
	}
	return b
}

// normalize parses a client stamp, clamps a wall clock beyond maxWall
// (0: no bound) and returns the canonical text form.
func normalize(s string, maxWall int64) (string, error) {
	st, err := hlc.Parse(s)
	if err != nil {
		return "", err
	}
	if maxWall > 0 && st.Wall > maxWall {
		st.Wall = maxWall
	}
	return st.String(), nil
}
