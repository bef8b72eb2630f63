package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/shanhaifield/shanhai/rulepack"
	"github.com/shanhaifield/shanhai/storage"
	"github.com/shanhaifield/shanhai/sync/client"
)

const syncUsage = "sync [--json]"

// runSync pushes the local changes and pulls the server's once.
func runSync(s *session, args []string) error {
	fs := newFlagSet("sync")
	asJSON := fs.Bool("json", false, "输出 JSON / print JSON")
	pos, err := s.parse(fs, args, syncUsage)
	if err != nil {
		return err
	}
	if err := noArgs(pos, syncUsage); err != nil {
		return err
	}
	return s.withStore(func(st *storage.Store) error {
		rep, err := client.New(st, client.Options{Log: s.log, RulePackPath: filepath.Join(s.g.DataDir, rulepack.ImportedFile)}).Sync(s.ctx)
		if err != nil {
			return syncError(err)
		}
		if *asJSON {
			enc := json.NewEncoder(s.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(rep)
		}
		_, err = fmt.Fprintf(s.stdout, "同步完成 / synced: 上传 %d 条（被拒 %d），下载 %d 条，未同步 %d 条，冲突 %d 个 / pushed %d (rejected %d), pulled %d, pending %d, conflicts %d\n",
			rep.Pushed, rep.Rejected, rep.Pulled, rep.Pending, rep.Conflicts, rep.Pushed, rep.Rejected, rep.Pulled, rep.Pending, rep.Conflicts)
		if err == nil && rep.Reset {
			_, err = fmt.Fprintln(s.stdout, "本机离线太久，已重新下载全部数据（未同步的修改已保留并上传） / too far behind: re-downloaded everything, unsent edits kept and sent")
		}
		if err == nil && rep.RulePack != "" {
			_, err = fmt.Fprintf(s.stdout, "已从服务器更新规则包 / rule pack updated from the server: %s\n", rep.RulePack)
		}
		if err == nil && len(rep.Messages) > 0 {
			_, err = fmt.Fprintf(s.stdout, "被服务器拒绝的修改已另存，运行 shanhai status 查看 / rejected changes are set aside: %s\n", strings.Join(rep.Messages, "；"))
		}
		return err
	})
}
