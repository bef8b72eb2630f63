package record

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DateLayout is the one stored form of a calendar date: YYYY-MM-DD.
const DateLayout = "2006-01-02"

// Plausible years for field dates. A date outside them is a typo (0204,
// 20224) rather than a real visit, task or consent.
const (
	minYear = 1900
	maxYear = 2100
)

// ParseDate parses a stored date. It accepts only YYYY-MM-DD with a real
// calendar day (no 2025-02-29) and a year in 1900–2100.
func ParseDate(s string) (time.Time, error) {
	if len(s) != len(DateLayout) {
		return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: %w", s, err)
	}
	if y := t.Year(); y < minYear || y > maxYear {
		return time.Time{}, fmt.Errorf("date %q: year %d outside %d-%d", s, y, minYear, maxYear)
	}
	return t, nil
}

// NormalizeDate rewrites a date as people type it — 2024/1/5, 2024.1.5,
// 2024年1月5日, 20240105, full-width digits — as YYYY-MM-DD. It reports
// false, and returns s unchanged, when s is not such a real date.
func NormalizeDate(s string) (string, bool) {
	t := strings.TrimFunc(foldWidth(s), isSpace)
	t = strings.TrimSuffix(t, "日")
	var parts []string
	if len(t) == 8 && strings.Trim(t, "0123456789") == "" {
		parts = []string{t[:4], t[4:6], t[6:]}
	} else {
		parts = strings.FieldsFunc(t, func(r rune) bool {
			return r == '-' || r == '/' || r == '.' || r == '年' || r == '月'
		})
	}
	if len(parts) != 3 || len(parts[0]) != 4 || len(parts[1]) > 2 || len(parts[2]) > 2 {
		return s, false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || p == "" || strings.Trim(p, "0123456789") != "" {
			return s, false
		}
		n[i] = v
	}
	out := fmt.Sprintf("%04d-%02d-%02d", n[0], n[1], n[2])
	if _, err := ParseDate(out); err != nil {
		return s, false
	}
	return out, true
}
