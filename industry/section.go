package industry

// sectionRange is the block of divisions a section holds. The ranges are
// fixed by the standard's structure (each section's note reads
// "本门类包括 xx～yy 大类"), so they are code, not data: they let a code we do
// not ship still resolve to its section.
type sectionRange struct {
	letter   byte
	from, to int
}

var sectionRanges = [...]sectionRange{
	{'A', 1, 5}, {'B', 6, 12}, {'C', 13, 43}, {'D', 44, 46},
	{'E', 47, 50}, {'F', 51, 52}, {'G', 53, 60}, {'H', 61, 62},
	{'I', 63, 65}, {'J', 66, 69}, {'K', 70, 70}, {'L', 71, 72},
	{'M', 73, 75}, {'N', 76, 79}, {'O', 80, 82}, {'P', 83, 83},
	{'Q', 84, 85}, {'R', 86, 90}, {'S', 91, 96}, {'T', 97, 97},
}

// sectionOf returns the section letter of a digit code (2–4 digits) or of
// a section letter itself; ok is false when the division is outside 01–97
// or the letter is not A–T.
func sectionOf(code string) (letter byte, ok bool) {
	switch levelOfShape(code) {
	case Section:
		return code[0], code[0] >= 'A' && code[0] <= 'T'
	case Division, Group, Class:
		div := int(code[0]-'0')*10 + int(code[1]-'0')
		for _, r := range sectionRanges {
			if div >= r.from && div <= r.to {
				return r.letter, true
			}
		}
	}
	return 0, false
}
