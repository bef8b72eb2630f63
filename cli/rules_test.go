package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/rulepack"
)

// writeTaxPack writes the shipped pack as one file with a later version and
// 景宁's 亩均税收 floor set to taxPerMu.
func writeTaxPack(t *testing.T, dir, version, date string, taxPerMu float64) string {
	t.Helper()
	p, err := rulepack.Load()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := p.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	doc["version"], doc["date"] = version, date
	changed := false
	for _, tb := range doc["land"].(map[string]any)["tables"].([]any) {
		table := tb.(map[string]any)
		if table["zone"] != "jingning" {
			continue
		}
		for _, row := range table["rows"].([]any) {
			row.(map[string]any)["tax_per_mu"] = taxPerMu
			changed = true
		}
	}
	if !changed {
		t.Fatal("the shipped pack has no land table for jingning")
	}
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "pack-"+version+".json")
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRulesImportAndRerun: an administrator imports a newer pack; a stored
// screening re-run under it names what changed; an older pack is refused.
func TestRulesImportAndRerun(t *testing.T) {
	dir := t.TempDir()
	ent := mustRun(t, dir, "", "add", "enterprise", "--name", exampleEnterpriseName, "--industry", "2452", "--zone", "shangyu")
	mustRun(t, dir, "", "add", "project", "--enterprise", ent, "--name", "智力玩具生产线",
		"--tax-wan", "700", "--land-mu", "40", "--fixed-asset-wan", "12000")
	mustRun(t, dir, "", "check", "--enterprise", ent, "--zone", "jingning")
	var screenings []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, dir, "", "list", "screening", "--json")), &screenings); err != nil || len(screenings) != 1 {
		t.Fatalf("stored screenings: %v (%v)", screenings, err)
	}

	newer := writeTaxPack(t, t.TempDir(), "2099.1.1", "2099-01-01", 30) // 700/40 = 17.5 万元/亩 < 30
	if out := mustRun(t, dir, "", "rules", "import", newer); !strings.Contains(out, "2099.1.1") {
		t.Fatalf("import printed %q", out)
	}
	if out := mustRun(t, dir, "", "rules"); !strings.Contains(out, "2099.1.1") {
		t.Fatalf("rules show after import: %q", out)
	}
	out := mustRun(t, dir, "", "check", "--rerun", screenings[0].ID)
	if !strings.Contains(out, "2099.1.1") || !strings.Contains(out, "亩均税收") {
		t.Fatalf("rerun does not name the changed tax rule or the new pack:\n%s", out)
	}

	older := writeTaxPack(t, t.TempDir(), "2000.1.1", "2000-01-01", 1)
	if r := run(t, dir, "", "rules", "import", older); r.code != ExitFailure || !strings.Contains(r.err, "--force") {
		t.Fatalf("older pack: exit %d, stderr %q", r.code, r.err)
	}
	broken := filepath.Join(t.TempDir(), "broken.json")
	if err := os.WriteFile(broken, []byte(`{"version": "x"`), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, dir, "", "rules", "import", broken); r.code != ExitFailure {
		t.Fatalf("broken pack: exit %d", r.code)
	}
	if out := mustRun(t, dir, "", "rules"); !strings.Contains(out, "2099.1.1") {
		t.Fatalf("a refused import replaced the active pack: %q", out)
	}
}
