package hlc

import (
	"sort"
	"testing"
	"time"
)

func TestNowIsMonotonicWhenWallClockGoesBack(t *testing.T) {
	wall := time.UnixMilli(1_700_000_000_000)
	c := New("a", func() time.Time { return wall })
	first := c.Now()
	wall = wall.Add(-3 * time.Hour) // the laptop's clock is reset backwards
	second := c.Now()
	if Compare(second, first) <= 0 {
		t.Fatalf("second stamp %v not after first %v", second, first)
	}
}

func TestObserveOrdersLocalEditsAfterRemoteOnes(t *testing.T) {
	// b's clock is two hours slow; after seeing a's edit, b's next edit
	// must still come after it.
	base := time.UnixMilli(1_700_000_000_000)
	a := New("a", func() time.Time { return base })
	b := New("b", func() time.Time { return base.Add(-2 * time.Hour) })
	remote := a.Now()
	b.Observe(remote)
	if local := b.Now(); Compare(local, remote) <= 0 {
		t.Fatalf("local %v not after observed %v", local, remote)
	}
}

func TestStringSortsLikeCompare(t *testing.T) {
	stamps := []Stamp{
		{Wall: 2, Counter: 0, Node: "a"},
		{Wall: 1, Counter: 10, Node: "b"},
		{Wall: 1, Counter: 9, Node: "z"},
		{Wall: 1, Counter: 9, Node: "a"},
		{Wall: 1_700_000_000_000, Counter: 0, Node: "a"},
	}
	byText := append([]Stamp(nil), stamps...)
	sort.Slice(byText, func(i, j int) bool { return byText[i].String() < byText[j].String() })
	byCmp := append([]Stamp(nil), stamps...)
	sort.Slice(byCmp, func(i, j int) bool { return Compare(byCmp[i], byCmp[j]) < 0 })
	for i := range byText {
		if byText[i] != byCmp[i] {
			t.Fatalf("order differs at %d: text %v, compare %v", i, byText[i], byCmp[i])
		}
	}
}

func TestParseRoundTrip(t *testing.T) {
	tests := []struct {
		in      string
		wantErr bool
	}{
		{"1700000000000.00003.laptop-1", false},
		{"0000000000001.00000.a.b", false}, // dots in the node name survive
		{"", true},
		{"abc.1.x", true},
		{"1.x.y", true},
		{"-5.1.n", true},
	}
	for _, tt := range tests {
		s, err := Parse(tt.in)
		if (err != nil) != tt.wantErr {
			t.Fatalf("Parse(%q) err=%v, wantErr %v", tt.in, err, tt.wantErr)
		}
		if err == nil && s.String() != tt.in {
			t.Fatalf("round trip %q -> %q", tt.in, s.String())
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("1700000000000.00003.laptop-1")
	f.Add("..")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := Parse(in)
		if err != nil {
			return
		}
		again, err := Parse(s.String())
		if err != nil || again != s {
			t.Fatalf("reparse of %q gave %v, %v", s.String(), again, err)
		}
	})
}
