package industry

import (
	"errors"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr error
	}{
		{"3670", "3670", nil},
		{"C3670", "3670", nil},
		{"c 3670", "3670", nil},
		{" C 36 70 ", "3670", nil},
		{"３６７０", "3670", nil},
		{"Ｃ３６７０", "3670", nil},
		{"\u3000367\t", "367", nil},
		{"36", "36", nil},
		{"01", "01", nil},
		{"97", "97", nil},
		{"9700", "9700", nil},
		{"C", "C", nil},
		{"c", "C", nil},
		{"ｔ", "T", nil},
		{"A0111", "0111", nil},
		{"", "", ErrEmptyCode},
		{" \u3000 ", "", ErrEmptyCode},
		{"3", "", ErrBadCode},
		{"36701", "", ErrBadCode},
		{"00", "", ErrBadCode},
		{"98", "", ErrBadCode},
		{"U", "", ErrBadCode},
		{"A3670", "", ErrBadCode},
		{"CC", "", ErrBadCode},
		{"C-3670", "", ErrBadCode},
		{"36a", "", ErrBadCode},
		{"汽车", "", ErrBadCode},
		{"\xff36", "", ErrBadCode},
	}
	for _, tt := range tests {
		got, err := Normalize(tt.in)
		if got != tt.want || !errors.Is(err, tt.wantErr) {
			t.Errorf("Normalize(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}
