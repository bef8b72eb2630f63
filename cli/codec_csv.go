package cli

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/shanhaifield/shanhai/record"
)

// The CSV format is one file with a "kind" column, then the Meta columns,
// then every field of the kinds it holds, in struct order. A cell that
// does not apply to a row's kind is empty. Empty cells mean "no value",
// so a CSV export imports back to the same records.

// csvColumns are the columns of a CSV holding kinds: "kind", then each
// field name once, in order of first appearance.
func csvColumns(kinds []record.Kind) []string {
	cols := []string{"kind"}
	seen := map[string]bool{"kind": true}
	for _, k := range kinds {
		for _, f := range fieldsOf(k) {
			if !seen[f.Name] {
				seen[f.Name] = true
				cols = append(cols, f.Name)
			}
		}
	}
	return cols
}

// encodeCSV writes records (of the given kinds only) as one CSV table.
func encodeCSV(w io.Writer, kinds []record.Kind, recs []record.Record) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	cols := csvColumns(kinds)
	if err := cw.Write(cols); err != nil {
		return fmt.Errorf("write csv header: %w", err)
	}
	row := make([]string, len(cols))
	ix := newFieldIndex()
	for _, rec := range recs {
		clear(row)
		row[0] = string(rec.Kind())
		v := reflect.ValueOf(rec).Elem()
		for i, c := range cols[1:] {
			if f, ok := ix[rec.Kind()][c]; ok {
				row[i+1] = csvText(f, v.FieldByIndex(f.Index))
			}
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write csv %s %s: %w", rec.Kind(), rec.Header().ID, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return bw.Flush()
}

// decodeCSV reads a CSV table with a header row. The kind of each row is
// its "kind" cell, or defaultKind when the file has no such column.
// Rows that do not decode come back as lineErrors (with the row's line
// number in the file); a malformed header or CSV syntax fails the whole
// file with an error.
func decodeCSV(r io.Reader, defaultKind record.Kind) ([]item, []lineError, error) {
	cr := csv.NewReader(&limitedLines{r: bufio.NewReader(r)})
	cr.FieldsPerRecord = 0
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("csv header: %w", err)
	}
	cols, err := csvHeader(header, defaultKind)
	if err != nil {
		return nil, nil, err
	}
	var items []item
	var bad []lineError
	ix := newFieldIndex()
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return items, bad, nil
		}
		if err != nil && !errors.Is(err, csv.ErrFieldCount) {
			return nil, nil, fmt.Errorf("csv: %w", err)
		}
		line := 0
		if len(row) > 0 {
			line, _ = cr.FieldPos(0)
		}
		if err != nil {
			bad = append(bad, lineError{Line: line, Problems: record.Problems{problem("", "csv_columns",
				fmt.Sprintf("有 %d 列，表头有 %d 列", len(row), len(cols)),
				fmt.Sprintf("has %d columns, the header has %d", len(row), len(cols)))}})
			continue
		}
		if blankRow(row) {
			continue
		}
		rec, le := decodeCSVRow(ix, cols, row, defaultKind)
		if le != nil {
			le.Line = line
			bad = append(bad, *le)
			continue
		}
		items = append(items, item{Line: line, Rec: rec})
	}
}

// csvHeader checks the header and returns the column names. Column names
// are field names; an unknown or repeated column fails the file, as it
// would otherwise be silently dropped.
func csvHeader(header []string, defaultKind record.Kind) ([]string, error) {
	known := map[string]bool{}
	for _, c := range csvColumns(record.Kinds) {
		known[c] = true
	}
	labels := headerLabels()
	cols := make([]string, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff") // Excel writes a BOM
		}
		h = strings.TrimSpace(h)
		if name, ok := labels[h]; ok {
			h = name
		}
		h = strings.ReplaceAll(strings.ToLower(h), "-", "_")
		switch {
		case !known[h]:
			return nil, fmt.Errorf("csv header column %d: unknown column %q (未知列)", i+1, h)
		case seen[h]:
			return nil, fmt.Errorf("csv header column %d: repeated column %q (重复列)", i+1, h)
		}
		seen[h] = true
		cols[i] = h
	}
	if !seen["kind"] && defaultKind == "" {
		return nil, errors.New("csv header has no \"kind\" column; give --kind (缺少 kind 列，请用 --kind 指定类型)")
	}
	return cols, nil
}

// headerLabels maps the Chinese label of a field (企业名称, 手机号码…) to
// its name, so that a sheet typed by hand with Chinese headings imports
// too. A label that names different fields in different kinds is left
// out, as it cannot be read one way.
func headerLabels() map[string]string {
	out := map[string]string{}
	ambiguous := map[string]bool{}
	for _, k := range record.Kinds {
		for _, f := range fieldsOf(k) {
			zh, _ := fieldLabel(k, f.Name)
			if zh == f.Name || ambiguous[zh] {
				continue
			}
			if prev, ok := out[zh]; ok && prev != f.Name {
				delete(out, zh)
				ambiguous[zh] = true
				continue
			}
			out[zh] = f.Name
		}
	}
	out["类型"] = "kind"
	return out
}

// decodeCSVRow decodes one data row into a record.
func decodeCSVRow(ix fieldIndex, cols, row []string, defaultKind record.Kind) (record.Record, *lineError) {
	kind := defaultKind
	for i, c := range cols {
		if c == "kind" && strings.TrimSpace(row[i]) != "" {
			kind = record.Kind(strings.TrimSpace(row[i]))
		}
	}
	if record.New(kind) == nil {
		return nil, &lineError{Problems: record.Problems{unknownKindProblem(string(kind))}}
	}
	values := map[string]json.RawMessage{}
	var probs record.Problems
	for i, c := range cols {
		if c == "kind" || row[i] == "" {
			continue
		}
		f, ok := ix[kind][c]
		if !ok {
			probs = append(probs, problem(c, "unknown_field", "不是"+kindZh(kind)+"的字段，应留空",
				"is not a field of "+string(kind)+" and must be empty"))
			continue
		}
		raw, p := parseText(f, row[i])
		if p != nil {
			probs = append(probs, *p)
			continue
		}
		values[c] = raw
	}
	rec, more := decodeFields(kind, values, true)
	if probs = append(probs, more...); len(probs) > 0 {
		return nil, &lineError{Kind: kind, Problems: probs, Rec: rec}
	}
	return rec, nil
}

func blankRow(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// limitedLines fails a read once maxLineBytes pass without a newline, so
// that a file without line breaks cannot make the CSV reader buffer it
// all.
type limitedLines struct {
	r   *bufio.Reader
	run int
}

// Read implements io.Reader.
func (l *limitedLines) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, b := range p[:n] {
		l.run++
		if b == '\n' {
			l.run = 0
		}
	}
	if l.run > maxLineBytes {
		return n, fmt.Errorf("line longer than %d bytes", maxLineBytes)
	}
	return n, err
}
