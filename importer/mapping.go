package importer

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/shanhaifield/shanhai/record"

	"github.com/shanhaifield/shanhai/spreadsheet"
)

// Mapping is a user's correction of the column mapping, saved as JSON and
// reused with --mapping: header as written → "kind.field", or "" to
// ignore the column. Headers it does not name are guessed.
type Mapping struct {
	Columns map[string]string `json:"columns"`
}

// ReadMapping reads a mapping file and checks every target in it.
func ReadMapping(r io.Reader) (*Mapping, error) {
	var m Mapping
	dec := json.NewDecoder(io.LimitReader(r, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("mapping: %w (映射文件格式不对)", err)
	}
	for h, t := range m.Columns {
		if t == "" {
			continue
		}
		if _, err := ParseTarget(t); err != nil {
			return nil, fmt.Errorf("mapping column %q: %w", h, err)
		}
	}
	return &m, nil
}

// LoadMapping reads a mapping file from disk.
func LoadMapping(path string) (*Mapping, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	defer f.Close()
	return ReadMapping(f)
}

// Write saves the mapping as indented JSON, headers sorted.
func (m *Mapping) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(m)
}

// Column is one column of a sheet and what the import does with it.
type Column struct {
	Index  int    // 0-based
	Header string // as written
	Target Target // zero when ignored
	// Note says why a column is ignored: unknown header, no such field,
	// mapped twice, or ignored by the mapping.
	Note string
}

// Mapped reports whether the column fills a field.
func (c Column) Mapped() bool { return c.Target.Kind != "" }

// resolve maps the header row's cells: the mapping first, then the
// recogniser. A target taken by an earlier column is not filled twice.
func resolve(rec *Recogniser, m *Mapping, header []string) []Column {
	cols := make([]Column, 0, len(header))
	taken := map[Target]string{}
	for i, h := range header {
		h = spreadsheet.Clean(h)
		c := Column{Index: i, Header: h}
		if h == "" {
			continue
		}
		var t Target
		ok := false
		if m != nil {
			if s, named := m.Columns[h]; named {
				if s == "" {
					c.Note = "映射文件设为忽略 / ignored by the mapping"
					cols = append(cols, c)
					continue
				}
				t, _ = ParseTarget(s) // checked by ReadMapping
				ok = true
			}
		}
		if !ok {
			t, ok = rec.Guess(h)
		}
		switch {
		case !ok && rec.Known(h):
			c.Note = "没有对应字段，不导入 / no field for it, not imported"
		case !ok:
			c.Note = "未识别的列，不导入（可用 --mapping 指定）/ unrecognised column, not imported (map it with --mapping)"
		case taken[t] != "":
			c.Note = fmt.Sprintf("与列「%s」对应同一字段，不导入 / same field as column %q, not imported", taken[t], taken[t])
		default:
			c.Target = t
			taken[t] = h
		}
		cols = append(cols, c)
	}
	return dropOrphanContact(cols)
}

// dropOrphanContact unmaps contact columns when the sheet has no contact
// name column: a contact needs a name, and a list's lone 电话 column is
// the company's number, not a person's, so the user maps it by hand.
func dropOrphanContact(cols []Column) []Column {
	for _, c := range cols {
		if c.Target == (Target{record.KindContact, "name"}) {
			return cols
		}
	}
	for i, c := range cols {
		if c.Target.Kind == record.KindContact {
			cols[i].Target = Target{}
			cols[i].Note = "表中没有联系人姓名列，不导入（可用 --mapping 指定）/ no contact name column in the sheet, not imported (map one with --mapping)"
		}
	}
	return cols
}

// MappingOf returns the mapping that reproduces cols, for the user to
// save, edit and pass back with --mapping.
func MappingOf(sheets []SheetPlan) *Mapping {
	m := &Mapping{Columns: map[string]string{}}
	for _, s := range sheets {
		for _, c := range s.Columns {
			if c.Mapped() {
				m.Columns[c.Header] = c.Target.String()
			} else if _, ok := m.Columns[c.Header]; !ok {
				m.Columns[c.Header] = ""
			}
		}
	}
	return m
}
