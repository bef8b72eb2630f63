package cli

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

const (
	conflictsUsage = "conflicts [--json]"
	resolveUsage   = "resolve CONFLICT-ID --keep mine|theirs"
)

// runConflicts lists the values that lost a merge, beside the value
// that won.
func runConflicts(s *session, args []string) error {
	fs := newFlagSet("conflicts")
	asJSON := fs.Bool("json", false, "输出 JSON / print JSON")
	pos, err := s.parse(fs, args, conflictsUsage)
	if err != nil {
		return err
	}
	if err := noArgs(pos, conflictsUsage); err != nil {
		return err
	}
	return s.withStore(func(st *storage.Store) error {
		cs, err := st.Conflicts(s.ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			if cs == nil {
				cs = []storage.Conflict{}
			}
			enc := json.NewEncoder(s.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(cs)
		}
		if len(cs) == 0 {
			_, err := fmt.Fprintln(s.stdout, "没有冲突 / no conflicts")
			return err
		}
		var t table
		t.add("冲突 ID / conflict ID", "字段 / field", "未采用的值 / losing value", "当前值 / current value")
		for _, c := range cs {
			field := c.Field
			if zh, _ := fieldLabel(record.Kind(c.Kind), c.Field); zh != "" && zh != c.Field {
				field += "（" + zh + "）"
			}
			if c.Reason == "after_delete" {
				field += " [删除后修改，mine 恢复记录 / edited after delete, mine restores the record]"
			}
			t.add(c.ID, field, string(c.Value), string(c.Current))
		}
		return t.write(s.stdout)
	})
}

// runResolve settles one conflict; the choice becomes a normal edit that
// syncs to every laptop.
func runResolve(s *session, args []string) error {
	fs := newFlagSet("resolve")
	keep := fs.String("keep", "", "mine（采用未采用的值；删除后修改则恢复记录 / the losing value; restores a deleted record）或 / or theirs（保留当前值；保持删除 / the current value; keeps it deleted）")
	pos, err := s.parse(fs, args, resolveUsage)
	if err != nil {
		return err
	}
	id, err := oneArg(pos, "冲突 ID", "conflict ID", resolveUsage)
	if err != nil {
		return err
	}
	if *keep != storage.KeepMine && *keep != storage.KeepTheirs {
		return usageErrorf("--keep 应为 mine 或 theirs / --keep must be mine or theirs; usage: shanhai %s", resolveUsage)
	}
	return s.withStore(func(st *storage.Store) error {
		if err := st.Resolve(s.ctx, id, *keep); err != nil {
			if errors.Is(err, storage.ErrConflictNotFound) {
				return &bilingualError{zh: "找不到冲突 " + id + "，运行 shanhai conflicts 查看", en: err.Error()}
			}
			return err
		}
		_, err := fmt.Fprintf(s.stdout, "已解决 / resolved: %s（%s），下次同步时生效 / takes effect everywhere at the next sync\n", id, *keep)
		return err
	})
}
