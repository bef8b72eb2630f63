package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestUserAndAuditCommands: users are added, listed and given another
// role; each change is in the audit log, which verifies and exports as
// CSV; an edited log file fails verification.
func TestUserAndAuditCommands(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	runOK := func(stdin string, args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		if code := run(ctx, append(args, "--data", dir), strings.NewReader(stdin), &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		return out.String()
	}
	runOK("pw-alice-2026\n", "user", "add", "--name", "alice", "--zone", "zone-a", "--role", "staff", "--password-stdin")
	runOK("", "user", "role", "--name", "alice", "--role", "manager")
	runOK("pw-alice-2027\n", "user", "add", "--name", "alice", "--zone", "zone-a", "--role", "manager", "--password-stdin")
	if out := runOK("", "user", "list"); !strings.Contains(out, "alice") || !strings.Contains(out, "manager") || strings.Contains(out, "argon2") {
		t.Fatalf("user list:\n%s", out)
	}
	if out := runOK("", "audit", "verify"); !strings.Contains(out, "3 entries") {
		t.Fatalf("audit verify: %s", out)
	}
	file := filepath.Join(dir, "audit.csv")
	runOK("", "audit", "export", "--format", "csv", "--out", file)
	data, _ := os.ReadFile(file)
	if !bytes.HasPrefix(data, []byte("\ufeff")) || !strings.Contains(string(data), "role staff → manager") ||
		!strings.Contains(string(data), "replace alice") || strings.Count(string(data), "user_put") != 3 {
		t.Fatalf("export:\n%s", data)
	}
	var errb bytes.Buffer
	if code := run(ctx, []string{"user", "role", "--name", "nobody", "--role", "admin", "--data", dir}, nil, &bytes.Buffer{}, &errb); code != 1 || !strings.Contains(errb.String(), "no user nobody") {
		t.Fatalf("role change of an unknown user: %d %s", code, errb.String())
	}
	// Edit the first entry in the file: verify fails and names it.
	db, err := bolt.Open(filepath.Join(dir, "server.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("audit"))
		k, v := b.Cursor().First()
		return b.Put(k, bytes.Replace(v, []byte("staff"), []byte("admin"), 1))
	})
	db.Close()
	errb.Reset()
	if code := run(ctx, []string{"audit", "verify", "--data", dir}, nil, &bytes.Buffer{}, &errb); code != 1 || !strings.Contains(errb.String(), "entry 1") {
		t.Fatalf("verify of an edited log: %d %s", code, errb.String())
	}
}
