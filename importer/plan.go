package importer

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/oklog/ulid/v2"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/spreadsheet"
	"github.com/shanhaifield/shanhai/storage"
)

// Outcome is what the import does with one row.
type Outcome int

// Row outcomes; every data row gets exactly one.
const (
	RowNew       Outcome = iota // its enterprise is not in the store: created
	RowUpdated                  // its enterprise is stored and the row changes it or adds to it
	RowUnchanged                // its enterprise is stored and the row adds nothing
	RowDuplicate                // it may be an enterprise already stored or in the file: not imported
	RowInvalid                  // a value breaks a rule: not imported
)

// Counts are the exact numbers of data rows by outcome; Rows is their sum.
type Counts struct {
	Rows, New, Updated, Unchanged, Duplicate, Invalid int
}

func (c *Counts) add(o Outcome) {
	c.Rows++
	switch o {
	case RowNew:
		c.New++
	case RowUpdated:
		c.Updated++
	case RowUnchanged:
		c.Unchanged++
	case RowDuplicate:
		c.Duplicate++
	case RowInvalid:
		c.Invalid++
	}
}

// RowError is one reason a row was not imported: where (sheet, row number
// as the spreadsheet shows it, column header) and why, in Chinese and
// English.
type RowError struct {
	Sheet  string `json:"sheet"`
	Row    int    `json:"row"`
	Column string `json:"column,omitempty"`
	Zh     string `json:"zh"`
	En     string `json:"en"`
}

// Error implements error, in English for logs.
func (e RowError) Error() string {
	return fmt.Sprintf("sheet %s row %d column %q: %s", e.Sheet, e.Row, e.Column, e.En)
}

// Rejected is a row not imported, with its cells as read, so that it can
// be written out, fixed and imported again.
type Rejected struct {
	Row     int
	Cells   []string
	Reasons []RowError
}

// SheetPlan is what the import does with one sheet.
type SheetPlan struct {
	Sheet     string
	HeaderRow int // row number of the header, 0 when none was found
	Header    []string
	Columns   []Column
	// Skipped says why the sheet is not imported (no header with an
	// enterprise name or credit code column); empty when it is.
	Skipped  string
	Rejected []Rejected
}

// Options tune Prepare.
type Options struct {
	// Mapping corrects the guessed column mapping; nil guesses all.
	Mapping *Mapping
	// Progress, when set, is called now and then with rows done and the
	// total, and once at the end.
	Progress func(done, total int)
}

// Plan is a prepared import: what each row does, the exact counts, every
// rejected row, and the writes that Commit makes in one transaction.
type Plan struct {
	Sheets []SheetPlan
	Counts Counts
	// Empty counts rows with nothing in any imported column (spacer and
	// note rows); they are not data rows.
	Empty int
	// Creates and Patches count the records Commit creates and changes,
	// by kind.
	Creates map[record.Kind]int
	Patches map[record.Kind]int

	creates []record.Record
	patches []storage.PatchOp
}

// Errors lists every reason of every rejected row, sheet by sheet.
func (p *Plan) Errors() []RowError {
	var out []RowError
	for _, s := range p.Sheets {
		for _, r := range s.Rejected {
			out = append(out, r.Reasons...)
		}
	}
	return out
}

// Prepare reads the stored enterprises, contacts and projects, maps each
// table's columns and plans every row. It writes nothing.
func Prepare(ctx context.Context, st *storage.Store, tables []spreadsheet.Table, opts Options) (*Plan, error) {
	pl, err := newPlanner(ctx, st)
	if err != nil {
		return nil, err
	}
	rec := NewRecogniser()
	plan := &Plan{}
	total := 0
	for _, t := range tables {
		total += len(t.Rows)
	}
	done := 0
	for _, t := range tables {
		sp := SheetPlan{Sheet: t.Sheet}
		hi, _ := t.HeaderRow(func(h string) bool {
			if opts.Mapping != nil {
				if _, ok := opts.Mapping.Columns[spreadsheet.Clean(h)]; ok {
					return true
				}
			}
			return rec.Known(h)
		})
		if hi >= 0 {
			sp.HeaderRow, sp.Header = t.Nums[hi], t.Rows[hi]
			sp.Columns = resolve(rec, opts.Mapping, t.Rows[hi])
		}
		if !hasIdentity(sp.Columns) {
			sp.Skipped = "找不到含“企业名称”或“统一社会信用代码”列的表头 / no header row with an enterprise name or credit code column"
			plan.Sheets = append(plan.Sheets, sp)
			done += len(t.Rows)
			continue
		}
		for i := hi + 1; i < len(t.Rows); i++ {
			if i%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				if opts.Progress != nil {
					opts.Progress(done+i, total)
				}
			}
			out, reasons, empty := pl.row(&sp, t.Nums[i], t.Rows[i])
			if empty {
				plan.Empty++
				continue
			}
			plan.Counts.add(out)
			if len(reasons) > 0 {
				sp.Rejected = append(sp.Rejected, Rejected{Row: t.Nums[i], Cells: t.Rows[i], Reasons: reasons})
			}
		}
		done += len(t.Rows)
		plan.Sheets = append(plan.Sheets, sp)
	}
	plan.creates, plan.patches = pl.writes()
	plan.Creates, plan.Patches = map[record.Kind]int{}, map[record.Kind]int{}
	for _, c := range plan.creates {
		plan.Creates[c.Kind()]++
	}
	for _, p := range plan.patches {
		plan.Patches[p.Kind]++
	}
	if opts.Progress != nil {
		opts.Progress(total, total)
	}
	return plan, nil
}

// hasIdentity reports whether the columns can name an enterprise.
func hasIdentity(cols []Column) bool {
	for _, c := range cols {
		if c.Target == (Target{record.KindEnterprise, "name"}) || c.Target == (Target{record.KindEnterprise, "credit_code"}) {
			return true
		}
	}
	return false
}

// Commit makes the planned writes in one transaction: all or nothing.
func (p *Plan) Commit(ctx context.Context, st *storage.Store) error {
	if len(p.creates) == 0 && len(p.patches) == 0 {
		return nil
	}
	if err := st.Apply(ctx, p.creates, p.patches); err != nil {
		return fmt.Errorf("import commit: %w", err)
	}
	return nil
}

// newID gives a new enterprise its ID at planning time, so that its
// contacts and projects can name it before anything is stored.
func newID() string { return ulid.Make().String() }

// fieldMap is a record's JSON fields without the header.
func fieldMap(rec record.Record) map[string]json.RawMessage {
	data, err := json.Marshal(rec)
	if err != nil {
		return nil
	}
	m := map[string]json.RawMessage{}
	if json.Unmarshal(data, &m) != nil {
		return nil
	}
	for _, k := range []string{"id", "created_at", "updated_at", "author", "versions"} {
		delete(m, k)
	}
	return m
}

// overlay returns a copy of base with fields set.
func overlay(base record.Record, fields map[string]json.RawMessage) (record.Record, error) {
	data, err := json.Marshal(base)
	if err != nil {
		return nil, err
	}
	m := map[string]json.RawMessage{}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	for k, v := range fields {
		m[k] = v
	}
	if data, err = json.Marshal(m); err != nil {
		return nil, err
	}
	out := record.New(base.Kind())
	if err := json.Unmarshal(data, out); err != nil {
		return nil, err
	}
	return out, nil
}
