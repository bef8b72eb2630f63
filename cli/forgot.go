package cli

import (
	"fmt"
	"slices"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

const forgotUsage = "forgot-passphrase [--yes]   （--yes：把旧文件改名保留，另建新数据文件 / set the old file aside, kept, and make a new store）"

// runForgot explains what a forgotten passphrase costs: the changes not
// yet sent to the server are sealed in the file and lost with it; what
// the server has comes back after login and sync. With --yes it sets the
// file aside (renamed, never deleted) and creates a new encrypted store.
func runForgot(s *session, args []string) error {
	fs := newFlagSet("forgot-passphrase")
	yes := fs.Bool("yes", false, "确认：改名保留旧文件并新建 / confirm: set the old file aside and start anew")
	pos, err := s.parse(fs, args, forgotUsage)
	if err != nil {
		return err
	}
	if err := noArgs(pos, forgotUsage); err != nil {
		return err
	}
	path := StorePath(s.g.DataDir)
	p, err := storage.ProbeFile(s.ctx, path)
	if err != nil {
		return err
	}
	if !p.Exists {
		_, err := fmt.Fprintf(s.stdout, "%s 不存在，无需重置 / there is no store at %s; nothing to reset\n", path, path)
		return err
	}
	writeLoss(s, p)
	if !*yes {
		_, err := fmt.Fprintln(s.stdout, "\n确认请运行 / to go ahead run: shanhai forgot-passphrase --yes")
		return err
	}
	moved, err := storage.SetAside(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.stdout, "\n旧文件已改名保留 / the old file is kept as %s\n", moved)
	pass, err := s.newPassphrase("新数据口令 / new passphrase: ", envNewPassphrase, envPassphrase)
	if err != nil {
		return err
	}
	st, err := storage.Open(s.ctx, path, storage.Options{Author: s.g.Author, Passphrase: pass, KeyCost: s.keyCost})
	if err != nil {
		return err
	}
	if err := st.Close(); err != nil {
		return err
	}
	_, err = fmt.Fprintln(s.stdout, "已新建加密数据文件。请运行 shanhai login 和 shanhai sync 取回服务器上的数据 / "+
		"a new encrypted store is ready; run 'shanhai login' and 'shanhai sync' to get the server's data back")
	return err
}

// writeLoss prints what setting the file aside loses and what comes back.
func writeLoss(s *session, p storage.Probe) {
	w := s.stdout
	if !p.Encrypted {
		fmt.Fprintln(w, "数据文件未加密，不需要口令 / the store is not encrypted; it needs no passphrase")
	}
	if p.Pending == 0 {
		fmt.Fprintln(w, "没有未发送的修改：服务器上已有全部数据 / no unsent changes: the server has everything")
	} else {
		fmt.Fprintf(w, "将丢失 %d 条未发送到服务器的修改 / %d changes not yet sent to the server will be lost:\n", p.Pending, p.Pending)
		kinds := make([]record.Kind, 0, len(p.PendingByKind))
		for k := range p.PendingByKind {
			kinds = append(kinds, k)
		}
		slices.Sort(kinds)
		for _, k := range kinds {
			fmt.Fprintf(w, "  %s / %s: %d\n", kindZh(k), k, p.PendingByKind[k])
		}
	}
	if p.LastSync.IsZero() {
		fmt.Fprintln(w, "从未同步：本机数据都不在服务器上 / never synced: nothing of this store is on the server")
	} else {
		at := p.LastSync.Local().Format("2006-01-02 15:04")
		fmt.Fprintf(w, "上次同步 / last sync: %s；此前同步的数据在 shanhai login 和 shanhai sync 后从服务器取回 / "+
			"what was synced comes back from the server after 'shanhai login' and 'shanhai sync'\n", at)
	}
}
