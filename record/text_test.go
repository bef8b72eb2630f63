package record

import "testing"

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  浙江四联玩具有限公司  ", "浙江四联玩具有限公司"},
		{"ＡＢＣ　科技\u00a0\u00a0有限公司", "ABC 科技 有限公司"},
		{"１２３号", "123号"},
		{"a\t\n b", "a b"},
		{"\u200b\ufeff名称\u200b", "名称"},
		{"四联玩具（浙江）有限公司", "四联玩具（浙江）有限公司"}, // Chinese punctuation kept
		{"你好，世界。", "你好，世界。"},
		{"", ""},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := CleanText(CleanText(tt.in)); again != tt.want {
			t.Errorf("CleanText not idempotent on %q: %q", tt.in, again)
		}
	}
}

func TestCleanBlock(t *testing.T) {
	got := cleanBlock("  第一行  \r\n\r\n  第二行\t\n ")
	if want := "第一行\n\n  第二行"; got != want {
		t.Errorf("cleanBlock = %q, want %q", got, want)
	}
}
