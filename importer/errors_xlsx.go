package importer

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/shanhaifield/shanhai/spreadsheet"
)

// Headers the error workbook adds after the original columns. Neither is
// recognised on import, so the fixed file imports as it stands.
const (
	ReasonHeader = "错误原因"
	RowHeader    = "原行号"
)

// WriteErrors writes every rejected row as an xlsx workbook: one sheet per
// source sheet, with its original columns, the reasons and the original
// row number. The user fixes the cells and imports the file again.
func WriteErrors(w io.Writer, p *Plan) error {
	var sheets []spreadsheet.Sheet
	for _, sp := range p.Sheets {
		if len(sp.Rejected) == 0 {
			continue
		}
		header := append(append([]string{}, sp.Header...), ReasonHeader, RowHeader)
		s := spreadsheet.Sheet{Name: sheetName(sp.Sheet, len(sheets)), Header: header}
		for _, r := range sp.Rejected {
			row := make([]string, len(header))
			copy(row, r.Cells[:min(len(r.Cells), len(sp.Header))])
			row[len(header)-2] = reasonText(r.Reasons)
			row[len(header)-1] = strconv.Itoa(r.Row)
			s.Rows = append(s.Rows, row)
		}
		sheets = append(sheets, s)
	}
	if len(sheets) == 0 {
		sheets = []spreadsheet.Sheet{{Name: "错误行", Header: []string{ReasonHeader}}}
	}
	if err := spreadsheet.WriteXLSX(w, sheets); err != nil {
		return fmt.Errorf("write error rows: %w", err)
	}
	return nil
}

// reasonText joins a row's reasons: "列「手机」：… ；列「…」：…".
func reasonText(rs []RowError) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		if r.Column != "" {
			parts[i] = "列「" + r.Column + "」：" + r.Zh
		} else {
			parts[i] = r.Zh
		}
	}
	return strings.Join(parts, "；")
}

// sheetName keeps a sheet name Excel accepts: at most 31 characters, none
// of []:*?/\.
func sheetName(name string, i int) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, name)
	if rs := []rune(name); len(rs) > 31 {
		name = string(rs[:31])
	}
	if name == "" {
		name = "Sheet" + strconv.Itoa(i+1)
	}
	return name
}
