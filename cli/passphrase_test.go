package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// addPerson adds an enterprise and a contact with personal values and
// returns the contact's ID.
func addPerson(t *testing.T, dir string) string {
	t.Helper()
	ent := mustRun(t, dir, "", "add", "enterprise", "--name", exampleEnterpriseName)
	return mustRun(t, dir, "", "add", "contact", "--enterprise", ent, "--name", "欧阳秘密", "--mobile", "13912345678",
		"--wechat", "wx_ouyang_secret")
}

// fileHolds reports whether the raw store file contains any of the values.
func fileHolds(t *testing.T, dir string, values ...string) []string {
	t.Helper()
	raw, err := os.ReadFile(StorePath(dir))
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, v := range values {
		if bytes.Contains(raw, []byte(v)) {
			found = append(found, v)
		}
	}
	return found
}

func TestNewStoreIsEncrypted(t *testing.T) {
	dir := t.TempDir()
	id := addPerson(t, dir)
	if f := fileHolds(t, dir, "欧阳秘密", "13912345678", "wx_ouyang_secret"); len(f) > 0 {
		t.Errorf("store file holds %q", f)
	}
	if out := mustRun(t, dir, "", "search", "欧阳"); !strings.Contains(out, id) {
		t.Errorf("search after reopen: %s", out)
	}
	r := runEnv(t, map[string]string{envPassphrase: ""}, dir, "", "list")
	if r.code != ExitFailure || !strings.Contains(r.err, "SHANHAI_PASSPHRASE") {
		t.Errorf("no passphrase: exit %d, stderr %s", r.code, r.err)
	}
	r = runEnv(t, map[string]string{envPassphrase: "wrong"}, dir, "", "list")
	if r.code != ExitFailure || !strings.Contains(r.err, "wrong passphrase") {
		t.Errorf("wrong passphrase: exit %d, stderr %s", r.code, r.err)
	}
	// Commands that do not open the store need no passphrase.
	if r := runEnv(t, map[string]string{envPassphrase: ""}, dir, "", "help"); r.code != ExitOK || !strings.Contains(r.out, "forgot-passphrase") {
		t.Errorf("help: exit %d", r.code)
	}
}

func TestPlaintextStoreEncryptedOnFirstOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := storage.Open(ctx, StorePath(dir), storage.Options{Author: "old"})
	if err != nil {
		t.Fatal(err)
	}
	ent := &record.Enterprise{Name: exampleEnterpriseName}
	if err := st.Create(ctx, ent); err != nil {
		t.Fatal(err)
	}
	if err := st.Create(ctx, &record.Contact{EnterpriseID: ent.ID, Name: "欧阳秘密", Mobile: "13912345678"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if f := fileHolds(t, dir, "欧阳秘密"); len(f) == 0 {
		t.Fatal("plaintext store does not hold the name: the check below would be blind")
	}
	r := run(t, dir, "", "list", "contact")
	if r.code != ExitOK || !strings.Contains(r.out, "欧阳秘密") || !strings.Contains(r.err, "encrypting the store") {
		t.Fatalf("first open: exit %d\n%s\n%s", r.code, r.out, r.err)
	}
	if f := fileHolds(t, dir, "欧阳秘密", "13912345678"); len(f) > 0 {
		t.Errorf("migrated store file holds %q", f)
	}
}

func TestChangePassphraseCommand(t *testing.T) {
	dir := t.TempDir()
	id := addPerson(t, dir)
	if r := run(t, dir, "", "passphrase"); r.code != ExitFailure || !strings.Contains(r.err, envNewPassphrase) {
		t.Errorf("no new passphrase: exit %d, %s", r.code, r.err)
	}
	mustRunEnv(t, map[string]string{envNewPassphrase: "新口令 new"}, dir, "passphrase")
	if r := run(t, dir, "", "show", id); r.code != ExitFailure {
		t.Errorf("old passphrase still opens the store: exit %d", r.code)
	}
	if out := mustRunEnv(t, map[string]string{envPassphrase: "新口令 new"}, dir, "show", id); !strings.Contains(out, "欧阳秘密") {
		t.Errorf("show with the new passphrase: %s", out)
	}
}

func mustRunEnv(t *testing.T, env map[string]string, dir string, args ...string) string {
	t.Helper()
	r := runEnv(t, env, dir, "", args...)
	if r.code != ExitOK {
		t.Fatalf("shanhai %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.out, r.err)
	}
	return r.out
}

func TestBackupAndRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	id := addPerson(t, dir)
	file := filepath.Join(t.TempDir(), "shanhai.backup")
	mustRun(t, dir, "", "backup", file)
	if r := run(t, dir, "", "backup", file); r.code != ExitFailure {
		t.Errorf("backup over an existing file: exit %d", r.code)
	}
	later := mustRun(t, dir, "", "add", "enterprise", "--name", "备份之后的公司")

	data, _ := os.ReadFile(file)
	cut := filepath.Join(t.TempDir(), "cut.backup")
	os.WriteFile(cut, data[:len(data)-50], 0o600)
	before, _ := os.ReadFile(StorePath(dir))
	if r := run(t, dir, "", "restore", cut); r.code != ExitFailure {
		t.Errorf("truncated backup restored: exit %d", r.code)
	}
	if r := runEnv(t, map[string]string{envPassphrase: "wrong"}, dir, "", "restore", file); r.code != ExitFailure {
		t.Errorf("backup restored with a wrong passphrase: exit %d", r.code)
	}
	if after, _ := os.ReadFile(StorePath(dir)); !bytes.Equal(before, after) {
		t.Fatal("a refused restore changed the store")
	}

	out := mustRun(t, dir, "", "restore", file)
	if !strings.Contains(out, "before-restore") {
		t.Errorf("restore does not say where the old file is: %s", out)
	}
	if out := mustRun(t, dir, "", "show", id); !strings.Contains(out, "欧阳秘密") {
		t.Errorf("contact after restore: %s", out)
	}
	if r := run(t, dir, "", "show", later); r.code != ExitFailure {
		t.Errorf("record made after the backup is still there")
	}
}

func TestForgotPassphrase(t *testing.T) {
	dir := t.TempDir()
	addPerson(t, dir)
	forget := map[string]string{envPassphrase: ""}
	out := mustRunEnv(t, forget, dir, "forgot-passphrase")
	for _, want := range []string{"2 changes not yet sent", "联系人 / contact: 1", "企业 / enterprise: 1", "never synced", "--yes"} {
		if !strings.Contains(out, want) {
			t.Errorf("forgot-passphrase does not say %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(StorePath(dir)); err != nil {
		t.Fatalf("without --yes the store must stay: %v", err)
	}
	out = mustRunEnv(t, map[string]string{envPassphrase: "", envNewPassphrase: "fresh"}, dir, "forgot-passphrase", "--yes")
	if !strings.Contains(out, "shanhai login") {
		t.Errorf("no hint to log in and sync:\n%s", out)
	}
	kept, _ := filepath.Glob(StorePath(dir) + ".locked-*")
	if len(kept) != 1 {
		t.Fatalf("old file not kept: %v", kept)
	}
	fresh := map[string]string{envPassphrase: "fresh"}
	if out := mustRunEnv(t, fresh, dir, "list", "contact"); strings.Contains(out, "欧阳秘密") {
		t.Errorf("new store is not empty: %s", out)
	}
	if f := fileHolds(t, dir, "欧阳秘密"); len(f) > 0 {
		t.Errorf("new store holds %q", f)
	}
}
