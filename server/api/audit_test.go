package api

import (
	"strings"
	"testing"
	"time"
)

func TestParseAuditTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"", time.Time{}, true},
		{"2026-11-26", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), true},
		{"2026-11-26T08:30:00+08:00", time.Date(2026, 11, 26, 0, 30, 0, 0, time.UTC), true},
		{"2026-13-01", time.Time{}, false},
		{"yesterday", time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := ParseAuditTime(tt.in)
		if (err == nil) != tt.ok || !got.Equal(tt.want) {
			t.Errorf("ParseAuditTime(%q) = %v, %v; want %v ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), tt.in) {
			t.Errorf("error %q does not name the value", err)
		}
	}
}

func FuzzParseAuditTime(f *testing.F) {
	f.Add("2026-11-26")
	f.Add("2026-11-26T08:30:00Z")
	f.Fuzz(func(t *testing.T, s string) {
		_, err := ParseAuditTime(s)
		if err != nil && !strings.Contains(err.Error(), "RFC 3339") {
			t.Fatalf("error %q does not say what is wanted", err)
		}
	})
}
