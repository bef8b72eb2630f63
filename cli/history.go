package cli

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// historyRow is one change for show --history: the entry and the record
// it belongs to (an enterprise's history includes its children's).
type historyRow struct {
	storage.HistoryEntry
	RecordID string `json:"record_id"`
}

// recordHistory returns the changes of rec and, for an enterprise, of
// the records related to it, oldest first.
func recordHistory(s *session, st *storage.Store, rec record.Record, related map[record.Kind][]record.Record) ([]historyRow, error) {
	recs := []record.Record{rec}
	for _, k := range childKinds() {
		recs = append(recs, related[k]...)
	}
	var out []historyRow
	for _, r := range recs {
		entries, err := st.History(s.ctx, r.Header().ID)
		if err != nil {
			return nil, fmt.Errorf("history of %s %s: %w", r.Kind(), r.Header().ID, err)
		}
		for _, e := range entries {
			out = append(out, historyRow{HistoryEntry: e, RecordID: r.Header().ID})
		}
	}
	slices.SortStableFunc(out, func(a, b historyRow) int { return a.At.Compare(b.At) })
	return out, nil
}

// historyOpZh names a history operation in Chinese.
var historyOpZh = map[storage.HistoryOp]string{
	storage.HistoryCreate: "新建", storage.HistoryUpdate: "修改", storage.HistoryDelete: "删除",
	storage.HistoryMerge: "同步合并", storage.HistoryRestore: "同步恢复",
}

// writeHistory prints the changes as a table: when, what, who, which
// device, which record, which fields (Chinese labels).
func writeHistory(s *session, rows []historyRow) error {
	if _, err := fmt.Fprintf(s.stdout, "\n历史（%d）/ history\n", len(rows)); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(s.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "时间 / time\t操作 / op\t修改人 / author\t设备 / node\t记录 / record\t字段 / fields")
	for _, r := range rows {
		var fields []string
		for _, f := range r.Fields {
			zh, _ := fieldLabel(r.Kind, f)
			fields = append(fields, zh)
		}
		author, op := r.Author, historyOpZh[r.Op]+" "+string(r.Op)
		if author == "" {
			author = "未知 / unknown"
		}
		if r.Inferred {
			op += "（推断 / inferred）"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s %s\t%s\n", r.At.Local().Format("2006-01-02 15:04:05"), op, author,
			r.Node, kindZh(r.Kind), r.RecordID, strings.Join(fields, "、"))
	}
	return tw.Flush()
}
