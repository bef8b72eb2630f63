package cli

import (
	"fmt"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

const listUsage = "list [KIND] [--stage S] [--enterprise ID] [--due-before YYYY-MM-DD] [--sort name|updated|stage|due] [--limit N] [--after ID] [--json]"

// runList prints the records of one kind (enterprises by default).
func runList(s *session, args []string) error {
	fs := newFlagSet("list")
	stage := fs.String("stage", "", "阶段（线索/lead…）/ stage")
	enterprise := fs.String("enterprise", "", "只列此企业的记录 / only this enterprise's records")
	dueBefore := fs.String("due-before", "", "未完成且截止不晚于此日期的待办 / open tasks due by this date")
	sortBy := fs.String("sort", "", "企业排序：name 名称、updated 最近修改、stage 阶段、due 最早待办 / enterprise order: name, updated, stage, due")
	limit := fs.Int("limit", 0, "最多条数，0 为全部 / at most N, 0 for all")
	after := fs.String("after", "", "从此 ID 之后开始 / start after this ID")
	asJSON := fs.Bool("json", false, "输出 JSON / print JSON")
	pos, err := s.parse(fs, args, listUsage)
	if err != nil {
		return err
	}
	kind := record.KindEnterprise
	switch len(pos) {
	case 0:
	case 1:
		kind = record.Kind(pos[0])
		if record.New(kind) == nil {
			return usageErrorf("未知记录类型「%s」/ unknown kind %q (%s)", pos[0], pos[0], kindList())
		}
	default:
		return usageErrorf("多余的参数 / unexpected arguments; usage: shanhai %s", listUsage)
	}
	if *limit < 0 {
		return usageErrorf("--limit 不能为负 / --limit must not be negative")
	}
	order, err := storage.ParseSort(*sortBy)
	if err != nil {
		return usageErrorf("--sort 只能是 name、updated、stage 或 due / %v", err)
	}
	if order != storage.SortID && kind != record.KindEnterprise {
		return usageErrorf("--sort 只适用于企业 / --sort applies to enterprises only")
	}
	opts := storage.ListOptions{Limit: *limit, After: *after, Enterprise: *enterprise, DueBefore: *dueBefore, Sort: order}
	if *stage != "" {
		st, p := parseStage("stage", *stage)
		if p != nil {
			return usageErrorf("%s / %s", p.Zh, p.En)
		}
		opts.Stage = st
	}
	return s.withStore(func(st *storage.Store) error {
		recs, err := st.List(s.ctx, kind, opts)
		if err != nil {
			return fmt.Errorf("list %s: %w", kind, err)
		}
		if *asJSON {
			out, err := recordsJSON(recs)
			if err != nil {
				return err
			}
			return writeJSON(s.stdout, out)
		}
		if len(recs) == 0 {
			_, err := fmt.Fprintf(s.stdout, "没有%s记录 / no %s records\n", kindZh(kind), kind)
			return err
		}
		if err := writeRecordTable(s.stdout, kind, recs); err != nil {
			return err
		}
		_, err = fmt.Fprintf(s.stdout, "共 %d 条 / %d records\n", len(recs), len(recs))
		return err
	})
}
