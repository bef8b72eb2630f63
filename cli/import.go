package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/oklog/ulid/v2"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/spreadsheet"
	"github.com/shanhaifield/shanhai/storage"
)

const importUsage = "import FILE.xlsx|.csv|.jsonl|- [--format auto|json|csv|xlsx] [--kind K] [--mapping FILE] [--save-mapping FILE] [--sheet NAME] [--dry-run] [--errors OUT.xlsx]"

// importFlags are the options of one import.
type importFlags struct {
	format, kind, mapping, saveMapping, sheet, errors string
	dryRun                                            bool
}

// runImport imports a file. Our own exports (JSON lines, CSV with a kind
// column, the xlsx workbook) are stored whole in one transaction keeping
// IDs, times, authors and field versions; one bad line rejects the file.
// Any other spreadsheet goes through package importer: its columns are
// mapped, each row is matched to a stored enterprise (credit code, then
// normalised name) and updates it or creates one, rejected rows are listed
// (and written to --errors), and the valid rows land in one transaction.
func runImport(s *session, args []string) error {
	fs := newFlagSet("import")
	var f importFlags
	fs.StringVar(&f.format, "format", "auto", "格式 / format: auto, json, csv, xlsx")
	fs.StringVar(&f.kind, "kind", "", "CSV 没有 kind 列时的记录类型 / kind of CSV rows without a kind column")
	fs.StringVar(&f.mapping, "mapping", "", "列映射文件（JSON）/ column mapping file (JSON)")
	fs.StringVar(&f.saveMapping, "save-mapping", "", "把本次列映射存为文件，改后用 --mapping 复用 / save this import's column mapping to edit and reuse")
	fs.StringVar(&f.sheet, "sheet", "", "只导入此工作表 / import only this sheet")
	fs.BoolVar(&f.dryRun, "dry-run", false, "预览：只统计，不写入 / preview the counts, write nothing")
	fs.StringVar(&f.errors, "errors", "", "把未导入的行写成 xlsx，改正后可再导入 / write rejected rows to this xlsx to fix and re-import")
	pos, err := s.parse(fs, args, importUsage)
	if err != nil {
		return err
	}
	name, err := oneArg(pos, "文件", "file", importUsage)
	if err != nil {
		return err
	}
	defaultKind := record.Kind(f.kind)
	if defaultKind != "" && record.New(defaultKind) == nil {
		return usageErrorf("未知记录类型「%s」/ unknown kind %q (%s)", defaultKind, defaultKind, kindList())
	}
	format, err := fileFormat(name, f.format)
	if err != nil {
		return err
	}
	switch format {
	case "xlsx":
		tables, err := readXLSXFile(name, f.sheet)
		if err != nil {
			return err
		}
		if f.mapping == "" && ownXLSX(tables) {
			items, bad := decodeOwnXLSX(tables)
			return s.importItems(name, items, bad, f.dryRun)
		}
		return s.importSheets(name, tables, f)
	case "csv":
		if name != "-" {
			own, table, err := ownCSV(name, defaultKind)
			if err != nil {
				return err
			}
			if !own || f.mapping != "" {
				return s.importSheets(name, []spreadsheet.Table{*table}, f)
			}
		}
	}
	items, bad, err := s.decodeFile(name, format, defaultKind)
	if err != nil {
		return err
	}
	return s.importItems(name, items, bad, f.dryRun)
}

// importItems stores the records of our own export in one transaction,
// or reports every bad line and stores nothing.
func (s *session) importItems(name string, items []item, bad []lineError, dryRun bool) error {
	bad = append(checkLineErrors(bad), checkItems(items)...)
	if len(bad) > 0 {
		return s.rejectImport(name, items, bad)
	}
	recs := importOrder(items)
	return s.withStore(func(st *storage.Store) error {
		conflicts, err := s.checkAgainstStore(st, items)
		if err != nil {
			return fmt.Errorf("import %s: %w", name, err)
		}
		if len(conflicts) > 0 {
			return s.rejectImport(name, items, conflicts)
		}
		if dryRun {
			_, err = fmt.Fprintf(s.stdout, "预览，未写入 / dry run, nothing written: 将导入 / would import %s\n", countText(recs))
			return err
		}
		if err := st.BulkCreate(s.ctx, recs, storage.BulkOptions{KeepMeta: true}); err != nil {
			fmt.Fprintf(s.stderr, "导入失败，未保存任何记录 / import failed, nothing stored\n")
			return fmt.Errorf("import %s: %w", name, err)
		}
		s.log.Info("import committed", "file", name, "records", len(recs))
		_, err = fmt.Fprintf(s.stdout, "已导入 / imported: %s\n", countText(recs))
		return err
	})
}

// decodeFile opens and decodes an import file ("-" is stdin).
func (s *session) decodeFile(name, format string, defaultKind record.Kind) ([]item, []lineError, error) {
	var r io.Reader = s.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, nil, fmt.Errorf("import: %w", err)
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReader(r)
	if format == "auto" {
		format = sniffFormat(name, br)
	}
	var items []item
	var bad []lineError
	var err error
	if format == "csv" {
		items, bad, err = decodeCSV(br, defaultKind)
	} else {
		items, bad, err = decodeJSONL(br)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("import %s: %w", name, err)
	}
	return items, bad, nil
}

// sniffFormat picks the format by file extension, else by the first
// byte: JSON lines start with '{'.
func sniffFormat(name string, br *bufio.Reader) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return "csv"
	case ".json", ".jsonl", ".ndjson":
		return "json"
	}
	head, _ := br.Peek(512)
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	if t := bytes.TrimSpace(head); len(t) > 0 && t[0] == '{' {
		return "json"
	}
	return "csv"
}

// checkItems validates every decoded record and finds IDs used twice.
func checkItems(items []item) []lineError {
	var bad []lineError
	seen := map[string]int{}
	for _, it := range items {
		record.Normalize(it.Rec)
		probs := it.Rec.Validate().Errors()
		if id := it.Rec.Header().ID; id != "" {
			if u, err := ulid.ParseStrict(id); err != nil || u.String() != id {
				probs = append(probs, problem("id", "id_format",
					"ID 应为 26 位大写 ULID（如 01M8AQSAGP3QJHDMF5GCB29RPG）", "must be a 26-character upper-case ULID"))
			}
			if first, ok := seen[id]; ok {
				probs = append(probs, problem("id", "duplicate_id",
					fmt.Sprintf("与第 %d 行的 ID 重复", first), fmt.Sprintf("repeats the id of line %d", first)))
			} else {
				seen[id] = it.Line
			}
		}
		if len(probs) > 0 {
			bad = append(bad, lineError{Line: it.Line, Kind: it.Rec.Kind(), Problems: probs})
		}
	}
	return bad
}

// checkAgainstStore finds, with line numbers, what the store would refuse
// for the whole batch: IDs already stored, children whose enterprise is
// neither stored nor in the file, and credit codes used twice.
func (s *session) checkAgainstStore(st *storage.Store, items []item) ([]lineError, error) {
	inFile := map[string]bool{}
	codes := map[string]int{}
	for _, it := range items {
		if it.Rec.Kind() == record.KindEnterprise && it.Rec.Header().ID != "" {
			inFile[it.Rec.Header().ID] = true
		}
	}
	var bad []lineError
	for _, it := range items {
		var probs record.Problems
		if id := it.Rec.Header().ID; id != "" {
			exists, err := s.stored(st, id, "")
			if err != nil {
				return nil, err
			}
			if exists {
				probs = append(probs, problem("id", "id_exists", "此 ID 的记录已存在", "a record with this id is already stored"))
			}
		}
		if c, ok := it.Rec.(record.Child); ok && c.Parent() != "" && !inFile[c.Parent()] {
			exists, err := s.stored(st, c.Parent(), record.KindEnterprise)
			if err != nil {
				return nil, err
			}
			if !exists {
				probs = append(probs, problem("enterprise_id", "no_parent", "所属企业不存在", "names no stored or imported enterprise"))
			}
		}
		if e, ok := it.Rec.(*record.Enterprise); ok && e.CreditCode != "" {
			p, err := s.creditCodeConflict(st, e, it.Line, codes)
			if err != nil {
				return nil, err
			}
			probs = append(probs, p...)
		}
		if len(probs) > 0 {
			bad = append(bad, lineError{Line: it.Line, Kind: it.Rec.Kind(), Problems: probs})
		}
	}
	return bad, nil
}

// stored reports whether id is in the store (as kind, when kind is set).
func (s *session) stored(st *storage.Store, id string, kind record.Kind) (bool, error) {
	rec, err := st.Get(s.ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("look up %s: %w", id, err)
	}
	return kind == "" || rec.Kind() == kind, nil
}

// creditCodeConflict reports a credit code used earlier in the file or by
// a stored enterprise; codes remembers the file's codes by line.
func (s *session) creditCodeConflict(st *storage.Store, e *record.Enterprise, line int, codes map[string]int) (record.Problems, error) {
	var probs record.Problems
	if first, ok := codes[e.CreditCode]; ok {
		probs = append(probs, problem("credit_code", "duplicate_credit_code",
			fmt.Sprintf("与第 %d 行的统一社会信用代码相同", first), fmt.Sprintf("repeats the credit code of line %d", first)))
	} else {
		codes[e.CreditCode] = line
	}
	dups, err := st.FindDuplicates(s.ctx, e, nil)
	if err != nil {
		return nil, fmt.Errorf("duplicate check: %w", err)
	}
	for _, d := range dups {
		if d.Reason == storage.ReasonCreditCode {
			probs = append(probs, problem("credit_code", "duplicate_credit_code",
				"统一社会信用代码已被记录 "+d.ID+" 使用", "credit code already used by "+d.ID))
		}
	}
	return probs, nil
}

// checkLineErrors adds the record's own rule problems to lines that
// already failed to decode, for fields not reported yet, so that the user
// sees every error of a line at once.
func checkLineErrors(bad []lineError) []lineError {
	for i, le := range bad {
		if le.Rec == nil {
			continue
		}
		reported := map[string]bool{}
		for _, p := range le.Problems {
			reported[p.Field] = true
		}
		record.Normalize(le.Rec)
		for _, p := range le.Rec.Validate().Errors() {
			if !reported[p.Field] {
				bad[i].Problems = append(bad[i].Problems, p)
			}
		}
	}
	return bad
}

// rejectImport reports every bad line and the counts, and stores nothing.
func (s *session) rejectImport(name string, items []item, bad []lineError) error {
	slices.SortStableFunc(bad, func(a, b lineError) int { return a.Line - b.Line })
	all, badLines := map[int]bool{}, map[int]bool{}
	for _, it := range items {
		all[it.Line] = true
	}
	for _, le := range bad {
		all[le.Line], badLines[le.Line] = true, true
		prefix := fmt.Sprintf("第 %d 行 / line %d: ", le.Line, le.Line)
		for _, p := range le.Problems {
			writeProblem(s.stderr, prefix, le.Kind, p)
		}
		s.log.Debug("import line rejected", "file", name, "err", le.Error())
	}
	fmt.Fprintf(s.stderr, "导入已拒绝：%d 条记录中 %d 条有错，未保存任何记录 / import rejected: %d of %d records are bad, nothing stored\n",
		len(all), len(badLines), len(badLines), len(all))
	return errReported
}

// importOrder puts parents before children (record.Kinds order), keeping
// the file's order within a kind, so that every child finds its
// enterprise.
func importOrder(items []item) []record.Record {
	sorted := slices.Clone(items)
	slices.SortStableFunc(sorted, func(a, b item) int {
		return slices.Index(record.Kinds, a.Rec.Kind()) - slices.Index(record.Kinds, b.Rec.Kind())
	})
	recs := make([]record.Record, len(sorted))
	for i, it := range sorted {
		recs[i] = it.Rec
	}
	return recs
}

// countText says how many records of each kind, e.g. "3 条 (企业 1, 联系人 2)".
func countText(recs []record.Record) string {
	counts := map[record.Kind]int{}
	for _, r := range recs {
		counts[r.Kind()]++
	}
	var parts []string
	for _, k := range record.Kinds {
		if counts[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d (%s)", kindZh(k), counts[k], k))
		}
	}
	return fmt.Sprintf("%d 条记录 / %d records: %s", len(recs), len(recs), strings.Join(parts, ", "))
}
