package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/shanhaifield/shanhai/importer"
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/spreadsheet"
	"github.com/shanhaifield/shanhai/storage"
)

// fileFormat resolves --format auto: by extension, else by the first
// bytes (a zip is an xlsx workbook, '{' starts JSON lines, else csv). "-"
// (stdin) is never sniffed as xlsx.
func fileFormat(name, format string) (string, error) {
	switch format {
	case "json", "jsonl":
		return "json", nil
	case "csv", "xlsx":
		return format, nil
	case "auto":
	default:
		return "", usageErrorf("未知格式「%s」/ unknown format %q (json, csv, xlsx)", format, format)
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		return "xlsx", nil
	case ".csv":
		return "csv", nil
	case ".json", ".jsonl", ".ndjson":
		return "json", nil
	}
	if name == "-" {
		return "auto", nil
	}
	f, err := os.Open(name)
	if err != nil {
		return "", fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	switch t := bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\ufeff"))); {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "xlsx", nil
	case len(t) > 0 && t[0] == '{':
		return "json", nil
	}
	return "csv", nil
}

// readXLSXFile reads a workbook's sheets (one when sheet is set).
func readXLSXFile(name, sheet string) ([]spreadsheet.Table, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	tables, err := spreadsheet.ReadXLSX(f, sheet)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	return tables, nil
}

// ownCSV reads a csv file and reports whether it is our own export: UTF-8
// with a header of field names or labels and a kind column (or --kind).
func ownCSV(name string, defaultKind record.Kind) (bool, *spreadsheet.Table, error) {
	f, err := os.Open(name)
	if err != nil {
		return false, nil, fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	t, enc, err := spreadsheet.ReadCSV(f, strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)))
	if err != nil {
		return false, nil, fmt.Errorf("import %s: %w", name, err)
	}
	if enc != spreadsheet.UTF8 || len(t.Rows) == 0 {
		return len(t.Rows) == 0, t, nil
	}
	_, err = csvHeader(t.Rows[0], defaultKind)
	return err == nil, t, nil
}

// importSheets imports foreign tables through package importer.
func (s *session) importSheets(name string, tables []spreadsheet.Table, f importFlags) error {
	var m *importer.Mapping
	if f.mapping != "" {
		var err error
		if m, err = importer.LoadMapping(f.mapping); err != nil {
			return err
		}
	}
	return s.withStore(func(st *storage.Store) error {
		plan, err := importer.Prepare(s.ctx, st, tables, importer.Options{Mapping: m, Progress: s.progress()})
		if err != nil {
			return fmt.Errorf("import %s: %w", name, err)
		}
		s.writeMapping(plan)
		if !anySheet(plan) {
			return &bilingualError{zh: "文件中没有可导入的表：找不到含“企业名称”或“统一社会信用代码”列的表头（可用 --mapping 指定列）",
				en: "nothing to import: no sheet has a header with an enterprise name or credit code column (map columns with --mapping)"}
		}
		if f.saveMapping != "" {
			if err := writeFileAtomic(f.saveMapping, importer.MappingOf(plan.Sheets).Write); err != nil {
				return fmt.Errorf("save mapping %s: %w", f.saveMapping, err)
			}
		}
		s.writeRejected(plan)
		rejected := plan.Counts.Invalid + plan.Counts.Duplicate
		if f.errors != "" && rejected > 0 {
			if err := writeFileAtomic(f.errors, func(w io.Writer) error { return importer.WriteErrors(w, plan) }); err != nil {
				return fmt.Errorf("write %s: %w", f.errors, err)
			}
			fmt.Fprintf(s.stderr, "未导入的 %d 行已写入 / %d rejected rows written to %s（改正后可再导入 / fix and import again）\n", rejected, rejected, f.errors)
		}
		if !f.dryRun {
			if plan.Counts.Rows >= 10_000 {
				fmt.Fprintf(s.stderr, "正在写入（一个事务）/ writing in one transaction…\n")
			}
			if err := plan.Commit(s.ctx, st); err != nil {
				fmt.Fprintf(s.stderr, "导入失败，未保存任何记录 / import failed, nothing stored\n")
				return fmt.Errorf("import %s: %w", name, err)
			}
			s.log.Info("import committed", "file", name, "rows", plan.Counts.Rows, "creates", plan.Creates, "patches", plan.Patches)
		}
		s.writeCounts(plan, f.dryRun)
		if rejected > 0 {
			return errReported
		}
		return nil
	})
}

// progress prints how far planning has got, every tenth of the way, on
// stderr; short files print nothing.
func (s *session) progress() func(done, total int) {
	last := 0
	return func(done, total int) {
		if total < 10_000 {
			return
		}
		if pct := done * 100 / total; pct >= last+10 {
			last = pct - pct%10
			fmt.Fprintf(s.stderr, "已处理 / processed %d/%d 行 rows (%d%%)\n", done, total, pct)
		}
	}
}

// writeMapping shows how each sheet's columns were read, so that a wrong
// guess is seen before it matters.
func (s *session) writeMapping(p *importer.Plan) {
	for _, sp := range p.Sheets {
		if sp.Skipped != "" {
			fmt.Fprintf(s.stderr, "工作表「%s」跳过 / sheet %s skipped: %s\n", sp.Sheet, sp.Sheet, sp.Skipped)
			continue
		}
		fmt.Fprintf(s.stderr, "工作表「%s」表头在第 %d 行 / sheet %s, header row %d:\n", sp.Sheet, sp.HeaderRow, sp.Sheet, sp.HeaderRow)
		for _, c := range sp.Columns {
			if c.Mapped() {
				fmt.Fprintf(s.stderr, "  %s → %s\n", c.Header, c.Target.Label())
			} else {
				fmt.Fprintf(s.stderr, "  %s → %s\n", c.Header, c.Note)
			}
		}
	}
}

// writeRejected lists every reason of every rejected row.
func (s *session) writeRejected(p *importer.Plan) {
	for _, e := range p.Errors() {
		col := ""
		if e.Column != "" {
			col = fmt.Sprintf(" 列「%s」", e.Column)
		}
		fmt.Fprintf(s.stderr, "工作表「%s」第 %d 行%s：%s / sheet %s row %d column %q: %s\n",
			e.Sheet, e.Row, col, e.Zh, e.Sheet, e.Row, e.Column, e.En)
	}
}

// writeCounts prints the exact row counts and what was written.
func (s *session) writeCounts(p *importer.Plan, dryRun bool) {
	c := p.Counts
	head := "导入完成 / imported"
	if dryRun {
		head = "预览，未写入 / dry run, nothing written"
	}
	fmt.Fprintf(s.stdout, "%s: 共 %d 行：新增 %d，更新 %d，未变 %d，疑似重复 %d，无效 %d / %d rows: %d new, %d updated, %d unchanged, %d duplicate-suspect, %d invalid\n",
		head, c.Rows, c.New, c.Updated, c.Unchanged, c.Duplicate, c.Invalid, c.Rows, c.New, c.Updated, c.Unchanged, c.Duplicate, c.Invalid)
	verb := "写入 / written"
	if dryRun {
		verb = "将写入 / would write"
	}
	var parts []string
	for _, k := range record.Kinds {
		if n := p.Creates[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("新建%s %d (new %s)", kindZh(k), n, k))
		}
		if n := p.Patches[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("修改%s %d (changed %s)", kindZh(k), n, k))
		}
	}
	if len(parts) == 0 {
		parts = []string{"无 / nothing"}
	}
	fmt.Fprintf(s.stdout, "%s: %s\n", verb, strings.Join(parts, ", "))
	if p.Empty > 0 {
		fmt.Fprintf(s.stdout, "空行 %d 行未计入 / %d empty rows not counted\n", p.Empty, p.Empty)
	}
}

// anySheet reports whether any sheet had a usable header.
func anySheet(p *importer.Plan) bool {
	for _, sp := range p.Sheets {
		if sp.Skipped == "" {
			return true
		}
	}
	return false
}
