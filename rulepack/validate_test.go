package rulepack

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// mutate writes the shipped pack as JSON, edits the generic form and
// parses it back.
func mutate(t *testing.T, edit func(m map[string]any)) error {
	t.Helper()
	var buf bytes.Buffer
	if err := shipped(t).WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	data, _ := json.Marshal(m)
	_, err := Parse(bytes.NewReader(data))
	return err
}

func zone(m map[string]any, i int) map[string]any { return m["zones"].([]any)[i].(map[string]any) }

func TestValidation(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(m map[string]any)
		wants []string
	}{
		{"no version", func(m map[string]any) { m["version"] = "" }, []string{"version: missing"}},
		{"bad date", func(m map[string]any) { m["date"] = "26/11/2026" }, []string{"date:", "YYYY-MM-DD"}},
		{"duplicate zone id", func(m map[string]any) { zone(m, 1)["id"] = zone(m, 0)["id"] }, []string{"zones[1].id", "used by another zone"}},
		{"pairing to unknown zone", func(m map[string]any) {
			m["pairings"].([]any)[0].(map[string]any)["mountain"] = "atlantis"
		}, []string{"pairings[0].mountain", "unknown zone \"atlantis\""}},
		{"pairing the wrong way round", func(m map[string]any) {
			pr := m["pairings"].([]any)[0].(map[string]any)
			pr["advanced"], pr["mountain"] = pr["mountain"], pr["advanced"]
		}, []string{"pairings[0].advanced", "not an advanced zone"}},
		{"malformed code", func(m map[string]any) {
			zone(m, 0)["leading"].([]any)[0].(map[string]any)["codes"] = []any{"3X"}
		}, []string{"zones[0].leading[0].codes[0]", "GB/T 4754"}},
		{"unsourced item", func(m map[string]any) { zone(m, 2)["source"] = "" }, []string{"zones[2].source"}},
		{"bad evidence", func(m map[string]any) { zone(m, 2)["evidence"] = "rumour" }, []string{"zones[2].evidence"}},
		{"unknown chain", func(m map[string]any) {
			zone(m, 0)["chains"].([]any)[0].(map[string]any)["chain"] = "unobtainium"
		}, []string{"zones[0].chains[0].chain"}},
		{"threshold for unknown zone", func(m map[string]any) {
			m["eco"].(map[string]any)["zone_thresholds"].([]any)[0].(map[string]any)["zone"] = "atlantis"
		}, []string{"eco.zone_thresholds[0].zone"}},
		{"unknown negative process", func(m map[string]any) {
			m["eco"].(map[string]any)["zone_thresholds"].([]any)[4].(map[string]any)["negative_processes"] = []any{"炼丹"}
		}, []string{"negative_processes[0]", "炼丹"}},
		{"plot ratio range upside down", func(m map[string]any) {
			row := m["land"].(map[string]any)["tables"].([]any)[0].(map[string]any)["rows"].([]any)[0].(map[string]any)
			row["plot_ratio_max"] = 0.5
		}, []string{"land.tables[0].rows[0].plot_ratio_max"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := mutate(t, tt.edit)
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestParseErrorsNameTheProblem(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"syntax", "{\n\"version\": \"x\",\n\"date\": }", "line 3"},
		{"type", `{"version": 7}`, "field version"},
		{"unknown field", `{"versoin": "x"}`, `unknown field "versoin"`},
		{"empty", ``, "pack"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse(%q) error = %v, want it to mention %q", tt.doc, err, tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	var buf bytes.Buffer
	if p, err := Load(); err == nil {
		p.WriteJSON(&buf)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"version":"1","date":"2026-01-01","zones":[{"id":"a"}]}`))
	f.Add([]byte(`{"land":{"tables":[{"rows":[{"codes":["C"]}]}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(bytes.NewReader(data))
		if err != nil {
			return
		}
		// A pack that validates must answer every query without panicking.
		for _, z := range p.Zones() {
			p.Paired(z.ID)
			if pr := p.Profile(z.ID); pr != nil && pr.Land != nil {
				pr.Land.Row("3670")
			}
		}
		p.EIARow("3670")
		p.MatchProcess("电镀")
	})
}
