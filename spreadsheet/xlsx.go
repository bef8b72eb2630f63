package spreadsheet

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// MaxXLSXUnzip caps how much a workbook may unpack to, so that a zip bomb
// is refused instead of filling memory.
const MaxXLSXUnzip = 1 << 30

// ReadXLSX reads every sheet of a workbook (only the named one when sheet
// is not empty), filling each merged range with its top-left value, as a
// person reading the sheet would.
func ReadXLSX(r io.Reader, sheet string) (tables []Table, err error) {
	defer func() {
		// excelize is third-party code parsing untrusted bytes; a panic in
		// it must become an error for this file, not a crash.
		if p := recover(); p != nil {
			tables, err = nil, fmt.Errorf("read xlsx: malformed workbook (文件已损坏): %v", p)
		}
	}()
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: MaxXLSXUnzip, UnzipXMLSizeLimit: MaxXLSXUnzip / 4})
	if err != nil {
		return nil, fmt.Errorf("read xlsx (不是有效的 xlsx 文件): %w", err)
	}
	defer f.Close()
	names := f.GetSheetList()
	if sheet != "" {
		if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
			return nil, fmt.Errorf("read xlsx: no sheet %q (工作表「%s」不存在; 有 / sheets: %v)", sheet, sheet, names)
		}
		names = []string{sheet}
	}
	for _, name := range names {
		t, err := readSheet(f, name)
		if err != nil {
			return nil, err
		}
		tables = append(tables, *t)
	}
	return tables, nil
}

// readSheet reads one sheet row by row.
func readSheet(f *excelize.File, name string) (*Table, error) {
	rows, err := f.Rows(name)
	if err != nil {
		return nil, fmt.Errorf("read sheet %s: %w", name, err)
	}
	defer rows.Close()
	t := &Table{Sheet: name}
	for n := 1; rows.Next(); n++ {
		if n > MaxRows {
			return nil, fmt.Errorf("read sheet %s: more than %d rows (行数过多)", name, MaxRows)
		}
		row, err := rows.Columns()
		if err != nil {
			return nil, fmt.Errorf("read sheet %s row %d: %w", name, n, err)
		}
		if len(row) == 0 {
			continue
		}
		t.Rows = append(t.Rows, clip(row))
		t.Nums = append(t.Nums, n)
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("read sheet %s: %w", name, err)
	}
	if err := fillMerged(f, t, mayHaveMerges(f)); err != nil {
		return nil, err
	}
	return t, nil
}

// fillMerged copies each merged range's value into every cell of it that
// lies in a row the sheet has; a range over rows holding nothing else
// adds no rows, as such a row would carry no record.
func fillMerged(f *excelize.File, t *Table, maybeMerged bool) error {
	if !maybeMerged {
		return nil
	}
	merged, err := f.GetMergeCells(t.Sheet)
	if err != nil {
		return fmt.Errorf("read sheet %s merged cells: %w", t.Sheet, err)
	}
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || c1 > c2 || r1 > r2 || c2 > MaxColumns {
			continue // a range that cannot be read is left as it is
		}
		v := m.GetCellValue()
		for i, _ := slices.BinarySearch(t.Nums, r1); i < len(t.Nums) && t.Nums[i] <= r2; i++ {
			for len(t.Rows[i]) < c2 {
				t.Rows[i] = append(t.Rows[i], "")
			}
			for c := c1; c <= c2; c++ {
				t.Rows[i][c-1] = v
			}
		}
	}
	return nil
}

// mayHaveMerges reports whether any worksheet XML mentions merged cells.
// GetMergeCells parses the whole sheet into a DOM (seconds for 100k rows)
// even when there is nothing to find; a byte search rules that out. Sheets
// excelize keeps in temporary files (not in Pkg) are assumed to have some.
func mayHaveMerges(f *excelize.File) bool {
	found, seen := false, false
	f.Pkg.Range(func(k, v any) bool {
		name, _ := k.(string)
		data, _ := v.([]byte)
		if !strings.HasPrefix(name, "xl/worksheets/sheet") {
			return true
		}
		seen = true
		found = bytes.Contains(data, []byte("<mergeCell"))
		return !found
	})
	return found || !seen
}
