package cli

import (
	"encoding/json"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestDoctor: a healthy store passes; one whose enterprise record was
// removed behind the store's back (its index entries left over) fails
// with exit 1 and lists the inconsistencies, also as JSON.
func TestDoctor(t *testing.T) {
	dir := t.TempDir()
	id := mustRun(t, dir, "", "add", "enterprise", "--name", exampleEnterpriseName, "--credit-code", exampleCreditCode)
	if r := run(t, dir, "", "doctor", "--json"); r.code != ExitOK || strings.TrimSpace(r.out) != "[]" {
		t.Fatalf("healthy store: exit %d, stdout %q", r.code, r.out)
	}

	db, err := bolt.Open(StorePath(dir), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("enterprise")).Delete([]byte(id)) })
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}

	r := run(t, dir, "", "doctor")
	if r.code != ExitFailure || !strings.Contains(r.out, id) || !strings.Contains(r.err, "inconsistencies found") {
		t.Errorf("broken store: exit %d\nstdout %s\nstderr %s", r.code, r.out, r.err)
	}
	r = run(t, dir, "", "doctor", "--json")
	var issues []map[string]string
	if err := json.Unmarshal([]byte(r.out), &issues); err != nil || r.code != ExitFailure || len(issues) == 0 {
		t.Errorf("doctor --json: exit %d, %d issues, err %v\n%s", r.code, len(issues), err, r.out)
	}
}
