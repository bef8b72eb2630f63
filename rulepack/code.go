package rulepack

// GB/T 4754-2017 codes are a letter (门类) or 2–4 digits (大类/中类/小类);
// every finer code starts with its parent's digits, so containment is a
// prefix test except for the 门类 letters, which cover ranges of 大类.

// sectionRanges gives each 门类 its first and last 大类 (GB/T 4754-2017,
// as amended by 第1号修改单, 2019).
var sectionRanges = [...]struct {
	letter     byte
	first, end int
}{
	{'A', 1, 5}, {'B', 6, 12}, {'C', 13, 43}, {'D', 44, 46}, {'E', 47, 50},
	{'F', 51, 52}, {'G', 53, 60}, {'H', 61, 62}, {'I', 63, 65}, {'J', 66, 69},
	{'K', 70, 70}, {'L', 71, 72}, {'M', 73, 75}, {'N', 76, 79}, {'O', 80, 82},
	{'P', 83, 83}, {'Q', 84, 85}, {'R', 86, 90}, {'S', 91, 96}, {'T', 97, 97},
}

// ValidCode reports whether code is well formed: a 门类 letter A–T, or two
// to four digits whose 大类 exists.
func ValidCode(code string) bool {
	switch {
	case len(code) == 1:
		return code[0] >= 'A' && code[0] <= 'T'
	case len(code) < 2 || len(code) > 4:
		return false
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return false
		}
	}
	return Section(code) != 0
}

// Section returns the 门类 letter of a code, or 0 if it has none.
func Section(code string) byte {
	if len(code) == 1 && code[0] >= 'A' && code[0] <= 'T' {
		return code[0]
	}
	if len(code) < 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9' {
		return 0
	}
	return divisionSection[int(code[0]-'0')*10+int(code[1]-'0')]
}

// divisionSection maps each 大类 number to its 门类 letter (0: none); it
// is derived once from sectionRanges and never written again.
var divisionSection = func() (t [100]byte) {
	for _, s := range sectionRanges {
		for d := s.first; d <= s.end; d++ {
			t[d] = s.letter
		}
	}
	return t
}()

// Within reports whether code lies inside ancestor (or equals it): "3670"
// is within "367", "36" and "C".
func Within(code, ancestor string) bool {
	if ancestor == "" || code == "" {
		return false
	}
	if len(ancestor) == 1 {
		return Section(code) == ancestor[0]
	}
	return len(code) >= len(ancestor) && code[:len(ancestor)] == ancestor
}

// prefixes returns the keys under which code is indexed: the code itself,
// its shorter digit prefixes and its 门类 letter, written into dst.
func prefixes(code string, dst *[5]string) []string {
	out := dst[:0]
	if len(code) == 1 {
		return append(out, code)
	}
	for n := len(code); n >= 2; n-- {
		out = append(out, code[:n])
	}
	if s := Section(code); s != 0 {
		out = append(out, sectionKeys[s-'A'])
	}
	return out
}

// sectionKeys avoids allocating a one-letter string per lookup.
var sectionKeys = [...]string{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J",
	"K", "L", "M", "N", "O", "P", "Q", "R", "S", "T"}
