package spreadsheet

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Sheet is a table to write: a header row, then data rows.
type Sheet struct {
	Name   string
	Header []string
	Rows   [][]string
}

// WriteXLSX writes the sheets as one workbook, streaming rows so that a
// 100k-row sheet does not build a DOM. Cells are written as text, so that
// codes keep their leading zeros and figures read back exactly as written.
func WriteXLSX(w io.Writer, sheets []Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return fmt.Errorf("write xlsx sheet %s: %w", s.Name, err)
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			return fmt.Errorf("write xlsx sheet %s: %w", s.Name, err)
		}
		if err := writeSheet(f, s); err != nil {
			return err
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

func writeSheet(f *excelize.File, s Sheet) error {
	sw, err := f.NewStreamWriter(s.Name)
	if err != nil {
		return fmt.Errorf("write xlsx sheet %s: %w", s.Name, err)
	}
	cells := make([]any, 0, len(s.Header))
	put := func(n int, row []string) error {
		cells = cells[:0]
		for _, c := range row {
			cells = append(cells, c)
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := sw.SetRow(cell, cells); err != nil {
			return fmt.Errorf("write xlsx sheet %s row %d: %w", s.Name, n, err)
		}
		return nil
	}
	if err := put(1, s.Header); err != nil {
		return err
	}
	for i, r := range s.Rows {
		if err := put(i+2, r); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("write xlsx sheet %s: %w", s.Name, err)
	}
	return nil
}
