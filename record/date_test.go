package record

import "testing"

func TestParseDate(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"2025-03-08", true},
		{"2024-02-29", true}, // leap year
		{"2000-02-29", true}, // divisible by 400
		{"2025-02-29", false},
		{"1900-02-29", false}, // divisible by 100, not 400
		{"2025-04-31", false},
		{"2025-13-01", false},
		{"2025-00-10", false},
		{"2025-3-8", false},
		{"2025/03/08", false},
		{"25-03-08", false},
		{"1899-12-31", false},
		{"2101-01-01", false},
		{"0204-01-01", false},
		{"", false},
		{"2025-03-08T00:00:00Z", false},
	}
	for _, tt := range tests {
		if _, err := ParseDate(tt.in); (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q) = %v, want ok=%v", tt.in, err, tt.ok)
		}
	}
}

func TestNormalizeDate(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2025-03-08", "2025-03-08", true},
		{"2025/3/8", "2025-03-08", true},
		{"2025.3.8", "2025-03-08", true},
		{"2025-3-8", "2025-03-08", true},
		{"2025年3月8日", "2025-03-08", true},
		{"20250308", "2025-03-08", true},
		{" ２０２５－０３－０８ ", "2025-03-08", true},
		{"2025/2/30", "2025/2/30", false},
		{"3/8/2025", "3/8/2025", false},
		{"2025-+3-8", "2025-+3-8", false},
		{"next week", "next week", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizeDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeDate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzNormalizeDate(f *testing.F) {
	for _, s := range []string{"2025/3/8", "2025年3月8日", "20250308", "２０２５－０３－０８", "2025-02-29", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, ok := NormalizeDate(s)
		if !ok {
			if out != s {
				t.Fatalf("NormalizeDate(%q) failed but changed it to %q", s, out)
			}
			return
		}
		if _, err := ParseDate(out); err != nil {
			t.Fatalf("NormalizeDate(%q) = %q, which ParseDate rejects: %v", s, out, err)
		}
		if again, ok := NormalizeDate(out); !ok || again != out {
			t.Fatalf("NormalizeDate(%q) = %q, %v; want it unchanged", out, again, ok)
		}
	})
}
