package cli

import (
	"encoding/json"
	"fmt"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

const showUsage = "show ID [--history] [--json]"

// shown is the --json form of show: the record, and for an enterprise
// the records that belong to it, by kind.
type shown struct {
	Record  json.RawMessage              `json:"record"`
	Related map[string][]json.RawMessage `json:"related,omitempty"`
	History []historyRow                 `json:"history,omitempty"`
}

// runShow prints one record; an enterprise with its contacts, visits,
// projects and tasks.
func runShow(s *session, args []string) error {
	fs := newFlagSet("show")
	asJSON := fs.Bool("json", false, "输出 JSON / print JSON")
	withHistory := fs.Bool("history", false, "同时列出修改历史（谁在何时改了哪些字段）/ also list who changed which fields when")
	pos, err := s.parse(fs, args, showUsage)
	if err != nil {
		return err
	}
	id, err := oneArg(pos, "记录 ID", "record ID", showUsage)
	if err != nil {
		return err
	}
	return s.withStore(func(st *storage.Store) error {
		rec, err := st.Get(s.ctx, id)
		if err != nil {
			return fmt.Errorf("show %s: %w", id, err)
		}
		related := map[record.Kind][]record.Record{}
		if rec.Kind() == record.KindEnterprise {
			for _, k := range childKinds() {
				if related[k], err = st.List(s.ctx, k, storage.ListOptions{Enterprise: id}); err != nil {
					return fmt.Errorf("show %s: list %s: %w", id, k, err)
				}
			}
		}
		var history []historyRow
		if *withHistory {
			if history, err = recordHistory(s, st, rec, related); err != nil {
				return fmt.Errorf("show %s: %w", id, err)
			}
		}
		if *asJSON {
			return writeShownJSON(s, rec, related, history)
		}
		if err := writeShown(s, rec, related); err != nil || !*withHistory {
			return err
		}
		return writeHistory(s, history)
	})
}

func writeShownJSON(s *session, rec record.Record, related map[record.Kind][]record.Record, history []historyRow) error {
	b, err := recordJSON(rec)
	if err != nil {
		return err
	}
	out := shown{Record: b, History: history}
	if rec.Kind() == record.KindEnterprise {
		out.Related = map[string][]json.RawMessage{}
		for k, recs := range related {
			if out.Related[string(k)], err = recordsJSON(recs); err != nil {
				return err
			}
		}
	}
	return writeJSON(s.stdout, out)
}

func writeShown(s *session, rec record.Record, related map[record.Kind][]record.Record) error {
	if err := writeRecordFields(s.stdout, rec); err != nil {
		return err
	}
	for _, k := range childKinds() {
		recs := related[k]
		if len(recs) == 0 {
			continue
		}
		if _, err := fmt.Fprintf(s.stdout, "\n%s（%d）/ %s\n", kindZh(k), len(recs), k); err != nil {
			return err
		}
		if err := writeRecordTable(s.stdout, k, recs); err != nil {
			return err
		}
	}
	return nil
}
