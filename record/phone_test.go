package record

import "testing"

func TestCheckPhone(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"0578-8123456", true},
		{"0571-88888888", true},
		{"(0571) 8888 8888", true},
		{"0571 8888 8888 转 123", true},
		{"0571-88888888 分机 8001", true},
		{"0571-88888888 ext. 12", true},
		{"0571-88888888x12", true},
		{"0571-88888888#12", true},
		{"+86 571 88888888", true},
		{"0086-571-88888888", true},
		{"88888888", true},
		{"8123456", true},
		{"400-820-8820", true},
		{"13800138000", true}, // a mobile in the phone field is still a phone
		{"０５７８－８１２３４５６", true},
		{"0578-8123456/8123457", true},
		{"0578-8123456、0578-8123457", true},
		{"0578-8123456/abc", false},
		{"/", false},
		{"123456", false},            // 6 digits
		{"0571-888888888888", false}, // 15 digits
		{"abc", false},
		{"无", false},
		{"0571-88888888 转", false}, // empty extension
		{"0571-88888888 转 1234567", false},
		{"0571-88888888 转 abc", false},
		{"+1 415 555 0100", false}, // not mainland
		{"", false},
	}
	for _, tt := range tests {
		if err := CheckPhone(tt.in); (err == nil) != tt.ok {
			t.Errorf("CheckPhone(%q) = %v, want ok=%v", tt.in, err, tt.ok)
		}
	}
}

func FuzzCheckPhone(f *testing.F) {
	for _, s := range []string{"0578-8123456", "(0571) 8888 8888 转 123", "+86 571 88888888", "/", "ext", "+", "0086"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := CheckPhone(s)
		if err == nil && CheckPhone(CleanText(s)) != nil {
			t.Fatalf("CheckPhone accepts %q but not its cleaned form %q", s, CleanText(s))
		}
	})
}
