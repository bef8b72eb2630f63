package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/record"
)

// crashEncryptEnv names the store the encryption crash child seals.
const crashEncryptEnv = "SHANHAI_CRASH_ENCRYPT_CHILD"

// TestCrashEncryptChild opens a plaintext store with a passphrase (seal,
// then compact), says "done" and waits to be killed.
func TestCrashEncryptChild(t *testing.T) {
	path := os.Getenv(crashEncryptEnv)
	if path == "" {
		t.Skip("runs only as the encryption crash test's child process")
	}
	opts := encOpts(testPass)
	opts.LockTimeout = 10 * time.Second
	s, err := Open(context.Background(), path, opts)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	fmt.Println("done", s.Encrypted())
	time.Sleep(time.Hour)
}

// TestCrashDuringEncryption kills the child at random moments of sealing
// and compacting a plaintext store: every time, the file must open with
// the passphrase, hold every record, pass Doctor, and after that open
// hold no personal value in plain.
func TestCrashDuringEncryption(t *testing.T) {
	if os.Getenv(crashEncryptEnv) != "" {
		t.Skip("child process")
	}
	ctx := context.Background()
	dir := t.TempDir()
	template := filepath.Join(dir, "template.db")
	s, err := Open(ctx, template, Options{Author: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	entID, _ := fillPersonal(t, s)
	var recs []record.Record
	for i := range 3000 {
		recs = append(recs, &record.Contact{EnterpriseID: entID, Name: fmt.Sprintf("联系人%d", i), Mobile: fmt.Sprintf("1390000%04d", i)})
	}
	if err := s.BulkCreate(ctx, recs); err != nil {
		t.Fatal(err)
	}
	want, _ := s.Count(ctx, record.KindContact)
	s.Close()
	raw, err := os.ReadFile(template)
	if err != nil {
		t.Fatal(err)
	}
	trials := 20
	if testing.Short() {
		trials = 6
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 2))
	done := 0
	for trial := range trials {
		path := filepath.Join(dir, fmt.Sprintf("trial%d.db", trial))
		if err := os.WriteFile(path, raw, 0o600); err != nil {
			t.Fatal(err)
		}
		out := killEncryptChild(t, path, time.Duration(rng.IntN(400))*time.Millisecond)
		if bytes.HasPrefix(out, []byte("done")) {
			done++
		}
		s, err := Open(ctx, path, encOpts(testPass))
		if err != nil {
			t.Fatalf("trial %d: open after crash: %v (child said %q)", trial, err, out)
		}
		if n, err := s.Count(ctx, record.KindContact); err != nil || n != want {
			t.Errorf("trial %d: %d contacts, want %d (%v)", trial, n, want, err)
		}
		mustHealthy(t, s)
		s.Close()
		if l := leaks(t, path); len(l) > 0 {
			t.Errorf("trial %d: personal values in the file: %q", trial, l)
		}
		if _, err := os.Stat(path + compactSuffix); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("trial %d: compaction copy left: %v", trial, err)
		}
	}
	t.Logf("%d trials, %d killed after the child finished", trials, done)
}

func killEncryptChild(t *testing.T, path string, d time.Duration) []byte {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashEncryptChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEncryptEnv+"="+path)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(d)
	_ = cmd.Process.Signal(syscall.SIGKILL)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("child did not die by SIGKILL (%v); stdout:\n%s\nstderr:\n%s", err, stdout.Bytes(), stderr.Bytes())
	}
	return stdout.Bytes()
}
