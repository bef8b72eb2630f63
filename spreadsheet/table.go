package spreadsheet

import (
	"strings"
	"unicode"
)

// Table is one sheet as text: Rows[i] is the row numbered Nums[i] in the
// file (1-based, as Excel and editors show it). Rows may differ in length.
type Table struct {
	Sheet string
	Rows  [][]string
	Nums  []int
}

// Limits keep a hostile file from exhausting memory: the importer handles
// 100k-row sheets, and no real list of enterprises is wider than this.
const (
	MaxRows    = 1_000_000
	MaxColumns = 1_000
	MaxCell    = 32_767 // Excel's own limit on characters in a cell
)

// headerScanRows is how far down the header row is looked for: title
// lines and notes above the table rarely take more than a few rows.
const headerScanRows = 20

// HeaderRow returns the index (into t.Rows) of the row within the first 20
// that has the most cells known recognises, and how many; -1 when no row
// has any.
func (t *Table) HeaderRow(known func(cell string) bool) (index, count int) {
	index = -1
	for i := 0; i < len(t.Rows) && i < headerScanRows; i++ {
		n := 0
		for _, c := range t.Rows[i] {
			if c != "" && known(c) {
				n++
			}
		}
		if n > count {
			index, count = i, n
		}
	}
	return index, count
}

// Cell returns row r's cell c, or "" past its end.
func (t *Table) Cell(r, c int) string {
	if r < 0 || r >= len(t.Rows) || c < 0 || c >= len(t.Rows[r]) {
		return ""
	}
	return t.Rows[r][c]
}

// Clean trims a cell: every kind of space at the ends (NBSP, U+3000, the
// zero-width space and BOM pasted cells carry) goes, as does a trailing
// carriage return.
func Clean(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u3000'
	})
}

// BlankRow reports whether every cell of row is empty after Clean.
func BlankRow(row []string) bool {
	for _, c := range row {
		if Clean(c) != "" {
			return false
		}
	}
	return true
}

// clip limits a row to MaxColumns cells of at most MaxCell bytes each.
func clip(row []string) []string {
	if len(row) > MaxColumns {
		row = row[:MaxColumns]
	}
	for i, c := range row {
		if len(c) > MaxCell {
			row[i] = c[:MaxCell]
		}
	}
	return row
}
