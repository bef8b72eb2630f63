package record

import (
	"strings"
	"testing"
	"time"
)

func TestLegalBasesCiteArticle13(t *testing.T) {
	seen := map[LegalBasis]bool{}
	for _, b := range LegalBases() {
		if seen[b.Basis] {
			t.Errorf("basis %s listed twice", b.Basis)
		}
		seen[b.Basis] = true
		if !strings.HasPrefix(b.Article, "PIPL 13(") || !strings.Contains(b.Zh, "第十三条") || !strings.Contains(b.En, "art. 13") {
			t.Errorf("basis %s does not cite its article: %+v", b.Basis, b)
		}
		if info, ok := b.Basis.Info(); !ok || info != b {
			t.Errorf("Info(%s) = %+v, %v", b.Basis, info, ok)
		}
	}
	for _, b := range []LegalBasis{BasisConsent, BasisContract, BasisStatutory, BasisPublic} {
		if !seen[b] {
			t.Errorf("basis %s has no label", b)
		}
	}
	if _, ok := LegalBasis("legitimate_interest").Info(); ok {
		t.Error("legitimate interest is not a PIPL ground")
	}
}

func TestCheckConsentDate(t *testing.T) {
	now := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC) // 11:00 in China
	tests := []struct {
		date string
		bad  bool
	}{
		{"2026-11-26", false},
		{"2026-11-27", false}, // already today in Beijing near midnight UTC
		{"2026-11-28", true},
		{"2030-01-01", true},
		{"2020-05-01", false},
		{"", false},
		{"not a date", false}, // the date rule reports it
	}
	for _, tt := range tests {
		p := CheckConsentDate(tt.date, now)
		if (p != nil) != tt.bad {
			t.Errorf("CheckConsentDate(%q) = %+v, want bad=%v", tt.date, p, tt.bad)
		}
		if p != nil && (p.Field != "consent_date" || p.Severity != Error || !strings.Contains(p.En, tt.date)) {
			t.Errorf("problem %+v does not name the field and value", p)
		}
	}
}
