package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

const exportUsage = "export [--format json|csv|xlsx] [--kind K] [--stage S] [--zone Z] [--tag T] [--enterprise ID] [--out FILE] [--bom]"

// runExport writes records, parents first, as JSON lines, one CSV table
// or an xlsx workbook with a sheet per kind; each imports back into an
// empty store as the same records.
func runExport(s *session, args []string) error {
	fs := newFlagSet("export")
	format := fs.String("format", "json", "格式 / format: json (JSON lines), csv or xlsx")
	kindFlag := fs.String("kind", "", "只导出此类型 / only this kind")
	out := fs.String("out", "", "输出文件，默认标准输出 / output file, default stdout")
	bom := fs.Bool("bom", false, "CSV 前加 UTF-8 BOM，便于 Excel 打开 / start CSV with a UTF-8 BOM for Excel")
	var filter exportFilter
	stage := fs.String("stage", "", "只导出此阶段的企业及其记录 / only enterprises at this stage, with their records")
	fs.StringVar(&filter.zone, "zone", "", "只导出此开发区的企业及其记录 / only enterprises of this zone, with their records")
	fs.StringVar(&filter.tag, "tag", "", "只导出带此标签的企业及其记录 / only enterprises with this tag, with their records")
	fs.StringVar(&filter.enterprise, "enterprise", "", "只导出此企业及其记录 / only this enterprise and its records")
	pos, err := s.parse(fs, args, exportUsage)
	if err != nil {
		return err
	}
	if err := noArgs(pos, exportUsage); err != nil {
		return err
	}
	if *format != "json" && *format != "jsonl" && *format != "csv" && *format != "xlsx" {
		return usageErrorf("未知格式「%s」/ unknown format %q (json, csv, xlsx)", *format, *format)
	}
	if *format == "xlsx" && *out == "" {
		return usageErrorf("xlsx 须用 --out 指定文件 / xlsx needs --out FILE")
	}
	if *stage != "" {
		st, ok := record.ParseStage(*stage)
		if !ok {
			return usageErrorf("未知阶段「%s」/ unknown stage %q", *stage, *stage)
		}
		filter.stage = st
	}
	kinds := record.Kinds
	if *kindFlag != "" {
		if record.New(record.Kind(*kindFlag)) == nil {
			return usageErrorf("未知记录类型「%s」/ unknown kind %q (%s)", *kindFlag, *kindFlag, kindList())
		}
		kinds = []record.Kind{record.Kind(*kindFlag)}
	}
	recs, err := s.allRecords(kinds)
	if err != nil {
		return err
	}
	if !filter.empty() {
		ents, err := s.allRecords([]record.Kind{record.KindEnterprise})
		if err != nil {
			return err
		}
		recs = filter.apply(ents, recs)
	}
	encode := func(w io.Writer) error {
		if *format == "xlsx" {
			return encodeXLSX(w, kinds, recs)
		}
		if *format == "csv" {
			if *bom {
				if _, err := io.WriteString(w, "\ufeff"); err != nil {
					return err
				}
			}
			return encodeCSV(w, kinds, recs)
		}
		return encodeJSONL(w, recs)
	}
	if *out == "" {
		return encode(s.stdout)
	}
	if err := writeFileAtomic(*out, encode); err != nil {
		return fmt.Errorf("export to %s: %w", *out, err)
	}
	_, err = fmt.Fprintf(s.stderr, "已导出 / exported: %s → %s\n", countText(recs), *out)
	return err
}

// allRecords lists every record of the kinds, in the order given.
func (s *session) allRecords(kinds []record.Kind) ([]record.Record, error) {
	var recs []record.Record
	err := s.withStore(func(st *storage.Store) error {
		for _, k := range kinds {
			list, err := st.List(s.ctx, k, storage.ListOptions{})
			if err != nil {
				return fmt.Errorf("export %s: %w", k, err)
			}
			recs = append(recs, list...)
		}
		return nil
	})
	return recs, err
}

// writeFileAtomic writes a file through a temporary file and a rename, so
// that a failed export never leaves half a file under the real name.
func writeFileAtomic(path string, fill func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	bw := bufio.NewWriter(tmp)
	if err := fill(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
