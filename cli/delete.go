package cli

import (
	"fmt"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

const deleteUsage = "delete ID"

// runDelete removes one record; an enterprise goes with its contacts,
// visits, projects and tasks, which the message counts.
func runDelete(s *session, args []string) error {
	pos, err := s.parse(newFlagSet("delete"), args, deleteUsage)
	if err != nil {
		return err
	}
	id, err := oneArg(pos, "记录 ID", "record ID", deleteUsage)
	if err != nil {
		return err
	}
	return s.withStore(func(st *storage.Store) error {
		if err := checkRole(s.ctx, st, permDelete); err != nil {
			return err
		}
		rec, err := st.Get(s.ctx, id)
		if err != nil {
			return fmt.Errorf("delete %s: %w", id, err)
		}
		children := 0
		if rec.Kind() == record.KindEnterprise {
			if children, err = countChildren(s, st, id); err != nil {
				return err
			}
		}
		if err := st.Delete(s.ctx, id); err != nil {
			return fmt.Errorf("delete %s %s: %w", rec.Kind(), id, err)
		}
		s.log.Info("record deleted", "kind", rec.Kind(), "id", id, "children", children)
		_, err = fmt.Fprintf(s.stdout, "已删除 / deleted: %s %s %s", kindZh(rec.Kind()), id, titleOf(rec))
		if err == nil && children > 0 {
			_, err = fmt.Fprintf(s.stdout, "（连同 %d 条关联记录 / with %d related records）", children, children)
		}
		if err == nil {
			_, err = fmt.Fprintln(s.stdout)
		}
		return err
	})
}

// countChildren counts the records that belong to an enterprise.
func countChildren(s *session, st *storage.Store, id string) (int, error) {
	n := 0
	for _, k := range childKinds() {
		recs, err := st.List(s.ctx, k, storage.ListOptions{Enterprise: id})
		if err != nil {
			return 0, fmt.Errorf("list %s of %s: %w", k, id, err)
		}
		n += len(recs)
	}
	return n, nil
}

// childKinds are the kinds that belong to an enterprise, in load order.
func childKinds() []record.Kind {
	var out []record.Kind
	for _, k := range record.Kinds {
		if _, ok := record.New(k).(record.Child); ok {
			out = append(out, k)
		}
	}
	return out
}
