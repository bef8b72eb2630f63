package rulepack

import (
	"strings"
	"testing"
)

func TestShippedRetentionIsMarkedExample(t *testing.T) {
	p := shipped(t)
	if p.Retention == nil {
		t.Fatal("the shipped pack has no pack-wide retention default")
	}
	for _, id := range p.ZoneIDs() {
		r, ok := p.RetentionFor(id)
		if !ok || r.Months <= 0 {
			t.Fatalf("zone %s: retention %+v, %v", id, r, ok)
		}
		// No statute gives a number (PIPL art. 19): the figures must say
		// they are examples.
		if r.Evidence != Example || !strings.Contains(r.Note, "example") || !strings.Contains(r.Source, "19") {
			t.Errorf("zone %s: retention %+v must be example data citing art. 19", id, r)
		}
	}
	if r, ok := p.RetentionFor("no-such-zone"); !ok || r.Months != p.Retention.Months {
		t.Errorf("unknown zone falls back to the default: %+v %v", r, ok)
	}
	var none *Pack
	if _, ok := none.RetentionFor("x"); ok {
		t.Error("a nil pack has no retention")
	}
}

func TestRetentionValidation(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(m map[string]any)
		wants []string
	}{
		{"zero months", func(m map[string]any) {
			zone(m, 0)["retention"].(map[string]any)["retention_months"] = 0
		}, []string{"zones[0].retention.retention_months", "1 to 120 months"}},
		{"default without source", func(m map[string]any) {
			m["retention"].(map[string]any)["source"] = ""
		}, []string{"retention.source", "missing"}},
		{"zone period without evidence", func(m map[string]any) {
			zone(m, 2)["retention"].(map[string]any)["evidence"] = "rumour"
		}, []string{"zones[2].retention.evidence"}},
		{"older pack without periods is fine", func(m map[string]any) {
			delete(m, "retention")
			for i := range m["zones"].([]any) {
				delete(zone(m, i), "retention")
			}
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := mutate(t, tt.edit)
			if tt.wants == nil {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}
