package report

import (
	"strings"
	"unicode"
)

// wrap splits text into lines no wider than width in the current font.
// fpdf's own MultiCell drops the character at a forced break in UTF-8
// text, which Chinese (no spaces) hits on every line, so lines are broken
// here: between any two Han characters, at a space inside Latin text, and
// never before closing punctuation (GB/T 15834 避头点号).
func (d *doc) wrap(text string, width float64) []string {
	var out []string
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		out = append(out, d.wrapLine([]rune(para), width)...)
	}
	return out
}

func (d *doc) wrapLine(rs []rune, width float64) []string {
	if len(rs) == 0 {
		return []string{""}
	}
	var out []string
	start := 0
	w := 0.0
	for i := 0; i < len(rs); i++ {
		cw := d.pdf.GetStringWidth(string(rs[i]))
		if w+cw <= width || i == start {
			w += cw
			continue
		}
		brk := i
		for brk > start+1 && noLineStart(rs[brk]) { // keep 。，）with the text before
			brk--
		}
		if isLatin(rs[brk-1]) && isLatin(rs[brk]) { // inside a word: go back to a space
			for j := brk - 1; j > start; j-- {
				if rs[j] == ' ' {
					brk = j + 1
					break
				}
				if !isLatin(rs[j]) {
					brk = j + 1 // the word starts after a Han character
					break
				}
			}
		}
		out = append(out, strings.TrimRight(string(rs[start:brk]), " "))
		start = brk
		for start < len(rs) && rs[start] == ' ' {
			start++
		}
		i = start - 1
		w = 0
	}
	if start < len(rs) {
		out = append(out, string(rs[start:]))
	}
	return out
}

func noLineStart(r rune) bool {
	return strings.ContainsRune("，。、；：？！）》」』】,.;:?!)%", r)
}

func isLatin(r rune) bool { return r < 0x2E80 && !unicode.IsSpace(r) }

// lines prints wrapped text as cells of height h, starting at the current
// x and wrapping within width.
func (d *doc) lines(text string, width, h float64, align string) {
	x := d.pdf.GetX()
	for _, l := range d.wrap(text, width) {
		d.pdf.SetX(x)
		d.pdf.CellFormat(width, h, l, "", 1, align, false, 0, "")
	}
}
