package cli

import (
	"bufio"
	"errors"
	"fmt"
	"strings"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

const eraseUsage = "erase ID [--yes]"

// errEraseNotConfirmed: the user did not confirm an erase.
var errEraseNotConfirmed = errors.New("erase not confirmed: nothing was erased")

// runErase deletes a contact's personal information for real (PIPL
// art. 47): here, on the server at the next sync, and from every later
// export. Given an enterprise, it erases the enterprise's contacts and
// keeps the enterprise (see storage.Store.Erase). It asks to confirm on
// a terminal; elsewhere --yes is required.
func runErase(s *session, args []string) error {
	fs := newFlagSet("erase")
	yes := fs.Bool("yes", false, "不再确认 / do not ask to confirm")
	pos, err := s.parse(fs, args, eraseUsage)
	if err != nil {
		return err
	}
	id, err := oneArg(pos, "记录 ID", "record ID", eraseUsage)
	if err != nil {
		return err
	}
	return s.withStore(func(st *storage.Store) error {
		if err := checkRole(s.ctx, st, permErase); err != nil {
			return err
		}
		what, err := eraseTarget(s, st, id)
		if err != nil {
			return err
		}
		if !*yes {
			if err := confirmErase(s, what); err != nil {
				return err
			}
		}
		if err := st.Erase(s.ctx, id); err != nil {
			return fmt.Errorf("erase %s: %w", id, err)
		}
		s.log.Info("record erased", "id", id) // no name: the log must not keep what was erased
		_, err = fmt.Fprintf(s.stdout, "已彻底删除 / erased: %s（下次同步时发送到服务器 / sent to the server at the next sync）\n", what)
		return err
	})
}

// eraseTarget describes what an erase of id removes.
func eraseTarget(s *session, st *storage.Store, id string) (string, error) {
	rec, err := st.Get(s.ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		if _, ok, terr := st.Tombstone(s.ctx, id); terr == nil && ok {
			return "已删除记录的残留数据 / what is left of deleted record " + id, nil
		}
	}
	if err != nil {
		return "", fmt.Errorf("erase %s: %w", id, err)
	}
	if rec.Kind() != record.KindEnterprise {
		return kindZh(rec.Kind()) + " " + id + " " + titleOf(rec), nil
	}
	cs, err := st.List(s.ctx, record.KindContact, storage.ListOptions{Enterprise: id})
	if err != nil {
		return "", fmt.Errorf("list contacts of %s: %w", id, err)
	}
	if len(cs) == 0 {
		return "", fmt.Errorf("erase %s: enterprise %s has no contacts; an enterprise itself is not personal information (use delete)", id, titleOf(rec))
	}
	return fmt.Sprintf("企业 %s 的 %d 名联系人（企业本身保留）/ the %d contacts of enterprise %s (the enterprise stays)",
		titleOf(rec), len(cs), len(cs), titleOf(rec)), nil
}

// confirmErase asks on a terminal; without one the caller must pass --yes.
func confirmErase(s *session, what string) error {
	if !isTerminal(s.stdin) {
		return usageErrorf("erase is irreversible: pass --yes to confirm when not on a terminal / 彻底删除不可恢复，非交互使用时请加 --yes")
	}
	fmt.Fprintf(s.stderr, "将彻底删除 %s。\n此操作不可恢复，并会在下次同步时发送到服务器，服务器和其他电脑上的副本也将删除。\n"+
		"This erases %s for good; it cannot be undone and is sent to the server at the next sync, which removes it everywhere.\n"+
		"输入 yes 确认 / type yes to confirm: ", what, what)
	line, _ := bufio.NewReader(s.stdin).ReadString('\n')
	if strings.TrimSpace(strings.ToLower(line)) != "yes" {
		return errEraseNotConfirmed
	}
	return nil
}
