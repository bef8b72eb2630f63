package screening

import (
	"bytes"
	"math"
	"strconv"
)

// num formats a figure for a reason: thousands separators, at most two
// decimals, no trailing zeros ("2,000", "1.2", "22.6"). It allocates only
// the result.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	if math.Abs(v) < 1e15 { // beyond, cents are below float precision
		v = math.Round(v*100) / 100
	}
	var in, out [64]byte
	s := strconv.AppendFloat(in[:0], v, 'f', 2, 64)
	s = bytes.TrimRight(s, "0")
	s = bytes.TrimSuffix(s, []byte("."))
	start := 0
	o := out[:0]
	if s[0] == '-' {
		start = 1
		o = append(o, '-')
	}
	dot := bytes.IndexByte(s, '.')
	if dot < 0 {
		dot = len(s)
	}
	for i := start; i < dot; i++ {
		if i > start && (dot-i)%3 == 0 {
			o = append(o, ',')
		}
		o = append(o, s[i])
	}
	o = append(o, s[dot:]...)
	if string(o) == "-0" {
		return "0"
	}
	return string(o)
}
