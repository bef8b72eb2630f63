package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/shanhaifield/shanhai/storage"
)

const (
	backupUsage  = "backup FILE   （用数据口令加密 / encrypted with the store's passphrase）"
	restoreUsage = "restore FILE   （口令为备份时的数据口令；现有数据文件改名保留 / the passphrase the backup was made with; the current file is renamed and kept）"
)

// runBackup writes an encrypted backup of the store to FILE: first to
// FILE.part, synced, then renamed, so a cut-off backup never has the
// final name. An existing FILE is not overwritten.
func runBackup(s *session, args []string) error {
	pos, err := s.parse(newFlagSet("backup"), args, backupUsage)
	if err != nil {
		return err
	}
	file, err := oneArg(pos, "备份文件名", "backup file", backupUsage)
	if err != nil {
		return err
	}
	if _, err := os.Stat(file); err == nil {
		return &bilingualError{zh: "备份文件 " + file + " 已存在，不覆盖", en: "backup file " + file + " exists; not overwritten"}
	}
	st, pass, err := s.openWithPassphrase()
	if err != nil {
		return err
	}
	defer st.Close()
	part := file + ".part"
	f, err := os.OpenFile(part, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	err = st.Backup(s.ctx, f, pass)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(part, file)
	}
	if err != nil {
		_ = os.Remove(part)
		return fmt.Errorf("backup %s: %w", file, err)
	}
	info, _ := os.Stat(file)
	_, err = fmt.Fprintf(s.stdout, "已备份到 %s（%d 字节，用数据口令加密）/ backed up to %s (%d bytes, encrypted with the store's passphrase)\n",
		file, info.Size(), file, info.Size())
	return err
}

// runRestore puts a backup in place of the store, keeping the old file.
func runRestore(s *session, args []string) error {
	pos, err := s.parse(newFlagSet("restore"), args, restoreUsage)
	if err != nil {
		return err
	}
	file, err := oneArg(pos, "备份文件名", "backup file", restoreUsage)
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer f.Close()
	pass := []byte(s.getenv(envPassphrase))
	if len(pass) == 0 {
		if pass, err = s.ask("备份时的数据口令 / the passphrase the backup was made with: "); err != nil {
			return err
		}
	}
	path := StorePath(s.g.DataDir)
	if err := storage.RestoreBackup(s.ctx, f, pass, path); err != nil {
		return fmt.Errorf("restore %s: %w", file, err)
	}
	kept, _ := filepath.Glob(path + ".before-restore-*")
	fmt.Fprintf(s.stdout, "已从 %s 恢复 / restored from %s\n", file, file)
	if len(kept) > 0 {
		fmt.Fprintf(s.stdout, "原数据文件保留为 / the previous file is kept as %s\n", kept[len(kept)-1])
	}
	return nil
}
