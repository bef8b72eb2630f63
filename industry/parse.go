package industry

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/shanhaifield/shanhai/assets"
)

var header = []string{"code", "level", "name", "parent", "note"}

// loadEmbedded parses the embedded table once: it is immutable, so every
// caller can share it, and parsing it again would only cost time.
var loadEmbedded = sync.OnceValues(func() (*Table, error) {
	data, err := fs.ReadFile(assets.Industry(), assets.IndustryTablePath)
	if err != nil {
		return nil, fmt.Errorf("read embedded industry table: %w", err)
	}
	t, err := Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("embedded industry table: %w", err)
	}
	return t, nil
})

// Load returns the classification table shipped with the app. The table
// is parsed on first use and shared afterwards.
func Load() (*Table, error) { return loadEmbedded() }

// Parse reads a table in the CSV format of assets/industry/gbt4754-2017.csv
// (header code,level,name,parent,note; UTF-8, optional BOM) and checks it:
// codes unique, each code's shape matching its level, each parent the
// code's prefix (a division's parent its section by the standard's ranges)
// and present in the table. A rejected file gives a *ParseError naming the
// line of the first bad row.
func Parse(r io.Reader) (*Table, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked here, to report our own reason
	cr.ReuseRecord = true
	t := &Table{byCode: map[string]int{}, children: map[string][]int{}}
	var lines []int // line of each row, for the parent check
	for first := true; ; first = false {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var line int
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, &ParseError{Line: line, Err: err}
		}
		line, _ := cr.FieldPos(0) // a record read without error has a field 0
		if first {
			if !isHeader(rec) {
				return nil, &ParseError{Line: line, Err: ErrHeader}
			}
			continue
		}
		c, err := parseRow(rec)
		if err != nil {
			return nil, &ParseError{Line: line, Code: c.Code, Err: err}
		}
		if _, dup := t.byCode[c.Code]; dup {
			return nil, &ParseError{Line: line, Code: c.Code, Err: ErrDuplicate}
		}
		t.byCode[c.Code] = len(t.codes)
		t.codes = append(t.codes, c)
		lines = append(lines, line)
	}
	if len(t.codes) == 0 {
		return nil, &ParseError{Err: ErrEmptyTable}
	}
	for i, c := range t.codes {
		if c.Parent == "" {
			continue
		}
		if _, ok := t.byCode[c.Parent]; !ok {
			return nil, &ParseError{Line: lines[i], Code: c.Code, Err: ErrMissingParent}
		}
		t.children[c.Parent] = append(t.children[c.Parent], i)
	}
	return t, nil
}

func isHeader(rec []string) bool {
	if len(rec) != len(header) {
		return false
	}
	for i, h := range header {
		f := strings.TrimSpace(rec[i])
		if i == 0 {
			f = strings.TrimPrefix(f, "\ufeff")
		}
		if !strings.EqualFold(f, h) {
			return false
		}
	}
	return true
}

// parseRow checks one data row on its own; the returned Code carries the
// row's code even on error, for the message.
func parseRow(rec []string) (Code, error) {
	if len(rec) != len(header) {
		var c Code
		if len(rec) > 0 {
			c.Code = strings.TrimSpace(rec[0])
		}
		return c, ErrColumns
	}
	c := Code{
		Code:   strings.TrimSpace(rec[0]),
		Level:  Level(strings.TrimSpace(rec[1])),
		Name:   strings.TrimSpace(rec[2]),
		Parent: strings.TrimSpace(rec[3]),
		Note:   strings.TrimSpace(rec[4]),
	}
	for _, f := range []string{c.Code, c.Name, c.Parent, c.Note} {
		if !utf8.ValidString(f) {
			return c, ErrEncoding
		}
	}
	if c.Level.depth() == 0 {
		return c, ErrLevel
	}
	if levelOfShape(c.Code) != c.Level {
		return c, ErrShape
	}
	if _, ok := sectionOf(c.Code); !ok {
		return c, ErrRange
	}
	if c.Name == "" {
		return c, ErrName
	}
	if c.Parent != expectedParent(c) {
		return c, ErrParent
	}
	return c, nil
}

// expectedParent is the only parent the standard's coding allows.
func expectedParent(c Code) string {
	switch c.Level {
	case Division:
		letter, _ := sectionOf(c.Code)
		return string(letter)
	case Group, Class:
		return c.Code[:len(c.Code)-1]
	}
	return ""
}
