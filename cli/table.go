package cli

import (
	"io"
	"strings"

	"golang.org/x/text/width"
)

// table lines up text in columns by display width, so that Chinese
// characters (two cells wide in a terminal) do not break the alignment
// the way text/tabwriter's rune counting does.
type table struct {
	rows [][]string
}

// add appends one row.
func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// write prints the rows, columns separated by two spaces. A cell with
// line breaks continues on the next lines, in its own column.
func (t *table) write(w io.Writer) error {
	widths := map[int]int{}
	for _, row := range t.rows {
		for i, c := range row {
			for _, part := range strings.Split(c, "\n") {
				widths[i] = max(widths[i], displayWidth(part))
			}
		}
	}
	var b strings.Builder
	for _, row := range t.rows {
		parts := make([][]string, len(row))
		height := 1
		for i, c := range row {
			parts[i] = strings.Split(c, "\n")
			height = max(height, len(parts[i]))
		}
		for line := range height {
			var cells []string
			for i := range row {
				cell := ""
				if line < len(parts[i]) {
					cell = parts[i][line]
				}
				cells = append(cells, cell)
			}
			writeLine(&b, cells, widths)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeLine writes one screen line of a row, padding all but the last
// cell to its column's width.
func writeLine(b *strings.Builder, cells []string, widths map[int]int) {
	last := len(cells) - 1
	for last > 0 && cells[last] == "" {
		last--
	}
	for i, c := range cells[:last+1] {
		b.WriteString(c)
		if i < last {
			b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
		}
	}
	b.WriteString("\n")
}

// displayWidth is how many terminal cells s takes: two for wide and
// full-width characters, one for the rest.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// clip shortens s to at most limit cells, ending in "…", and puts it on one
// line.
func clip(s string, limit int) string {
	s = strings.Join(strings.Fields(s), " ")
	if displayWidth(s) <= limit {
		return s
	}
	n := 0
	for i, r := range s {
		if n+runeWidth(r) > limit-1 {
			return s[:i] + "…"
		}
		n += runeWidth(r)
	}
	return s
}
