package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportCommands writes each report from a store filled through the
// command line and checks that a PDF came out (the report package's tests
// read their text).
func TestReportCommands(t *testing.T) {
	dir := t.TempDir()
	ent := mustRun(t, dir, "", "add", "enterprise", "--name", exampleEnterpriseName, "--industry", "2452", "--zone", "shangyu")
	mustRun(t, dir, "", "add", "project", "--enterprise", ent, "--name", "智力玩具生产线", "--tax-wan", "700", "--land-mu", "40")
	mustRun(t, dir, "", "add", "visit", "--enterprise", ent, "--date", "2026-11-24", "--participants", "王芳", "--outcome", "同意考察景宁")
	mustRun(t, dir, "", "check", "--enterprise", ent, "--paired")
	list := mustRun(t, dir, "", "list", "screening")
	fields := strings.Fields(list)
	var scrID string
	for _, f := range fields {
		if len(f) == 26 && f != ent {
			scrID = f
			break
		}
	}
	if scrID == "" {
		t.Fatalf("no screening id in:\n%s", list)
	}
	out := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"screening", []string{"report", "screening", scrID, "--out", filepath.Join(out, "s.pdf")}, ExitOK},
		{"trip", []string{"report", "trip", "--from", "2026-11-23", "--to", "2026-11-27", "--person", "王芳", "--out", filepath.Join(out, "t.pdf")}, ExitOK},
		{"weekly", []string{"report", "weekly", "--week", "2026-11-24", "--out", filepath.Join(out, "w.pdf")}, ExitOK},
		{"screening of an enterprise id", []string{"report", "screening", ent, "--out", filepath.Join(out, "x.pdf")}, ExitFailure},
		{"no --out", []string{"report", "weekly"}, ExitUsage},
		{"unknown report", []string{"report", "monthly", "--out", filepath.Join(out, "m.pdf")}, ExitUsage},
		{"trip without dates", []string{"report", "trip", "--out", filepath.Join(out, "t2.pdf")}, ExitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, dir, "", tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d\n%s", r.code, tt.code, r.err)
			}
			if tt.code != ExitOK {
				return
			}
			data, err := os.ReadFile(tt.args[len(tt.args)-1])
			if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Fatalf("no PDF written (%v)", err)
			}
		})
	}
}
