package merge

import (
	"strconv"

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
	var buf [64]byte
	b := appendPadded(buf[:0], uint64(st.Wall), 13)
	b = appendPadded(append(b, '.'), uint64(st.Counter), 5)
	b = append(append(b, '.'), st.Node...)
	if string(b) == s {
		return s, nil // already canonical: no new string per field
	}
	return string(b), nil
}

// appendPadded appends v in decimal, zero-padded to width digits, as
// hlc.Stamp.String's %0Nd does (without fmt: a push normalizes every
// field's stamp).
func appendPadded(b []byte, v uint64, width int) []byte {
	var d [20]byte
	digits := strconv.AppendUint(d[:0], v, 10)
	for n := len(digits); n < width; n++ {
		b = append(b, '0')
	}
	return append(b, digits...)
}
