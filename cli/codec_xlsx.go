package cli

import (
	"fmt"
	"io"
	"reflect"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/spreadsheet"
)

// The xlsx export is one workbook with a sheet per record kind, named in
// Chinese (企业, 联系人 …), whose header row holds the Chinese label of
// every field (record.FieldLabel), Meta first, and whose cells are the
// CSV export's cells. The import recognises it by those sheet names and
// headers and reads it back exactly, IDs and field versions included.

// xlsxHeader maps a kind's column labels to field names and back.
type xlsxHeader struct {
	labels []string          // in column order
	fields map[string]string // label → field name
}

func newXLSXHeader(kind record.Kind) xlsxHeader {
	h := xlsxHeader{fields: map[string]string{}}
	for _, f := range fieldsOf(kind) {
		zh, _ := fieldLabel(kind, f.Name)
		if _, dup := h.fields[zh]; dup || zh == "" {
			zh = f.Name // a label two fields share would not read back
		}
		h.labels = append(h.labels, zh)
		h.fields[zh] = f.Name
	}
	return h
}

// encodeXLSX writes the records of the kinds as one workbook; a kind with
// no records still gets its sheet with headers, as a template to fill in.
func encodeXLSX(w io.Writer, kinds []record.Kind, recs []record.Record) error {
	byKind := map[record.Kind][]record.Record{}
	for _, r := range recs {
		byKind[r.Kind()] = append(byKind[r.Kind()], r)
	}
	sheets := make([]spreadsheet.Sheet, 0, len(kinds))
	for _, k := range kinds {
		h := newXLSXHeader(k)
		fields := fieldsOf(k)
		s := spreadsheet.Sheet{Name: kindZh(k), Header: h.labels}
		for _, r := range byKind[k] {
			v := reflect.ValueOf(r).Elem()
			row := make([]string, len(fields))
			for i, f := range fields {
				row[i] = csvText(f, v.FieldByIndex(f.Index))
			}
			s.Rows = append(s.Rows, row)
		}
		sheets = append(sheets, s)
	}
	if err := spreadsheet.WriteXLSX(w, sheets); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	return nil
}

// ownXLSX reports whether tables are our own xlsx export: every sheet is
// named after a kind and its first row holds only that kind's labels.
func ownXLSX(tables []spreadsheet.Table) bool {
	if len(tables) == 0 {
		return false
	}
	for _, t := range tables {
		k, ok := kindOfSheet(t.Sheet)
		if !ok {
			return false
		}
		if len(t.Rows) == 0 {
			continue
		}
		h := newXLSXHeader(k)
		for _, c := range t.Rows[0] {
			if _, ok := h.fields[spreadsheet.Clean(c)]; !ok && spreadsheet.Clean(c) != "" {
				return false
			}
		}
	}
	return true
}

// kindOfSheet finds the kind a sheet is named after.
func kindOfSheet(name string) (record.Kind, bool) {
	for _, k := range record.Kinds {
		if kindZh(k) == spreadsheet.Clean(name) {
			return k, true
		}
	}
	return "", false
}

// decodeOwnXLSX reads our own export back into records, one item per data
// row; its line numbers are the sheets' row numbers.
func decodeOwnXLSX(tables []spreadsheet.Table) ([]item, []lineError) {
	var items []item
	var bad []lineError
	ix := newFieldIndex()
	for _, t := range tables {
		if len(t.Rows) == 0 {
			continue
		}
		k, _ := kindOfSheet(t.Sheet)
		h := newXLSXHeader(k)
		cols := make([]string, len(t.Rows[0]))
		for i, c := range t.Rows[0] {
			cols[i] = h.fields[spreadsheet.Clean(c)]
		}
		for i := 1; i < len(t.Rows); i++ {
			row := make([]string, len(cols))
			copy(row, t.Rows[i])
			if blankRow(row) {
				continue
			}
			for j, c := range cols {
				if c == "" {
					row[j] = "" // a blank header names no field
				}
			}
			rec, le := decodeXLSXRow(ix, cols, row, k)
			if le != nil {
				le.Line = t.Nums[i]
				bad = append(bad, *le)
				continue
			}
			items = append(items, item{Line: t.Nums[i], Rec: rec})
		}
	}
	return items, bad
}

// decodeXLSXRow is decodeCSVRow for a sheet whose columns have no "kind".
func decodeXLSXRow(ix fieldIndex, cols, row []string, kind record.Kind) (record.Record, *lineError) {
	kept := make([]string, 0, len(cols))
	vals := make([]string, 0, len(cols))
	for i, c := range cols {
		if c != "" {
			kept, vals = append(kept, c), append(vals, row[i])
		}
	}
	return decodeCSVRow(ix, kept, vals, kind)
}
