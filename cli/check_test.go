package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckAndReferTheToyMaker replays the seed article's case through the
// command line: 上虞 screens the toy maker against itself and its paired
// zone, finds that 景宁 fits, and refers it there.
func TestCheckAndReferTheToyMaker(t *testing.T) {
	dir := t.TempDir()
	ent := mustRun(t, dir, "", "add", "enterprise", "--name", exampleEnterpriseName,
		"--industry", "2452", "--zone", "shangyu")
	mustRun(t, dir, "", "add", "project", "--enterprise", ent, "--name", "智力玩具生产线",
		"--tax-wan", "700", "--jobs", "350", "--land-mu", "40", "--fixed-asset-wan", "12000")

	var results []struct {
		ZoneID  string `json:"zone_id"`
		Verdict string `json:"verdict"`
		Rules   []struct {
			Outcome string `json:"outcome"`
			Zh      string `json:"zh"`
		} `json:"rules"`
	}
	out := mustRun(t, dir, "", "check", "--enterprise", ent, "--paired", "--json")
	if err := json.Unmarshal([]byte(out), &results); err != nil {
		t.Fatalf("check --json printed %q: %v", out, err)
	}
	if len(results) != 2 || results[0].ZoneID != "jingning" || results[1].ZoneID != "shangyu" {
		t.Fatalf("ranking = %+v, want 景宁 first, then 上虞", results)
	}
	if results[0].Verdict == "reject" || results[1].Verdict != "reject" {
		t.Fatalf("verdicts 景宁 %s, 上虞 %s; want 景宁 not rejected and 上虞 rejected", results[0].Verdict, results[1].Verdict)
	}
	for _, r := range results[0].Rules {
		if r.Zh == "" {
			t.Fatalf("a rule of 景宁 has no Chinese reason: %+v", r)
		}
	}
	if shown := mustRun(t, dir, "", "show", ent); !strings.Contains(shown, "筛查（1）") {
		t.Fatalf("show does not list the stored screening:\n%s", shown)
	}

	text := mustRun(t, dir, "", "check", "--enterprise", ent, "--zone", "jingning", "--no-save")
	if !strings.Contains(text, "景宁经开区") || !strings.Contains(text, "婴幼儿教具玩具") {
		t.Fatalf("verdict table lacks the zone or its positioning:\n%s", text)
	}

	ref := mustRun(t, dir, "", "refer", "--enterprise", ent, "--to", "jingning", "--reason", "符合景宁婴幼儿教具玩具定位")
	var e map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, dir, "", "show", ent, "--json")), &e); err != nil {
		t.Fatal(err)
	}
	if stage := e["record"].(map[string]any)["stage"]; stage != "referred" {
		t.Fatalf("enterprise stage after refer = %v, want referred", stage)
	}
	mustRun(t, dir, "", "refer", "accept", ref)
	if r := run(t, dir, "", "refer", "return", ref); r.code == ExitOK {
		t.Fatal("returning a referral without a reason was accepted")
	}
	if r := run(t, dir, "", "refer", "--enterprise", ent, "--to", "atlantis", "--reason", "x"); r.code == ExitOK || !strings.Contains(r.err, "atlantis") {
		t.Fatalf("refer to an unknown zone: exit %d, stderr %q", r.code, r.err)
	}
}

func TestCheckProjectFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "dyeing.json")
	candidate := `{"enterprise": {"name": "某印染有限公司", "industry_code": "1713"},
		"project": {"name": "印染项目", "processes": ["印染"], "land_mu": 30}}`
	if err := os.WriteFile(file, []byte(candidate), 0o600); err != nil {
		t.Fatal(err)
	}
	var results []struct {
		ZoneID  string `json:"zone_id"`
		Verdict string `json:"verdict"`
	}
	out := mustRun(t, dir, "", "check", "--project", file, "--zone", "jingning", "--zone", "jiaxing", "--json")
	if err := json.Unmarshal([]byte(out), &results); err != nil {
		t.Fatal(err)
	}
	verdicts := map[string]string{}
	for _, r := range results {
		verdicts[r.ZoneID] = r.Verdict
	}
	if verdicts["jingning"] != "reject" {
		t.Fatalf("印染 at 景宁: %s, want reject", verdicts["jingning"])
	}

	tests := []struct {
		name string
		args []string
	}{
		{"neither source", []string{"check", "--zone", "jingning"}},
		{"both sources", []string{"check", "--project", file, "--enterprise", "x", "--zone", "jingning"}},
		{"no zone", []string{"check", "--project", file}},
	}
	for _, tt := range tests {
		if r := run(t, dir, "", tt.args...); r.code != ExitUsage {
			t.Errorf("%s: exit %d, want %d (stderr %q)", tt.name, r.code, ExitUsage, r.err)
		}
	}
	if r := run(t, dir, "", "check", "--project", filepath.Join(dir, "missing.json"), "--all"); r.code != ExitFailure {
		t.Errorf("missing file: exit %d, want %d", r.code, ExitFailure)
	}
}
