package search

import (
	"slices"
	"testing"

	"github.com/mozillazg/go-pinyin"
)

// TestReadingMatchesGoPinyin checks the tone stripping against go-pinyin's
// own Normal style for every character in its dictionary.
func TestReadingMatchesGoPinyin(t *testing.T) {
	args := pinyin.Args{Style: pinyin.Normal}
	bad := 0
	for k := range pinyin.PinyinDict {
		r := rune(k)
		if _, over := charReadings[r]; over {
			continue
		}
		want := ""
		if pys := pinyin.SinglePinyin(r, args); len(pys) > 0 {
			want = asciiLetters(pys[0])
		}
		if got := reading(r); got != want && bad < 10 {
			bad++
			t.Errorf("reading(%c) = %q, go-pinyin says %q", r, got, want)
		}
	}
}

// asciiLetters keeps a–z of go-pinyin's output.
func asciiLetters(s string) string {
	b := []byte{}
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			b = append(b, s[i])
		}
	}
	return string(b)
}

func TestPinyinOf(t *testing.T) {
	tests := []struct {
		name           string
		person         bool
		full, initials string
		starts         []uint16
	}{
		{"浙江四联玩具有限公司", false, "zhejiangsilianwanjuyouxiangongsi", "zjslwjyxgs", []uint16{0, 3, 8, 10, 14, 17, 19, 22, 26, 30}},
		{"重庆长安", false, "chongqingchangan", "cqca", []uint16{0, 5, 9, 14}},
		{"乐清", false, "yueqing", "yq", []uint16{0, 3}},
		{"曾志明", true, "zengzhiming", "zzm", []uint16{0, 4, 7}},
		{"曾经", false, "cengjing", "cj", []uint16{0, 4}},
		{"abb(中国)", false, "abbzhongguo", "abbzg", []uint16{0, 1, 2, 3, 8}},
		{"绿色", false, "lvse", "ls", []uint16{0, 2}},
		{"", false, "", "", nil},
	}
	for _, tt := range tests {
		full, initials, starts := pinyinOf(tt.name, tt.person)
		if full != tt.full || initials != tt.initials || !slices.Equal(starts, tt.starts) {
			t.Errorf("pinyinOf(%q) = %q %q %v, want %q %q %v", tt.name, full, initials, starts, tt.full, tt.initials, tt.starts)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ＳＬＷＪ", "slwj"},
		{"ABB（中国）", "abb(中国)"},
		{"四联　玩具", "四联 玩具"},
		{"\xff四联", "\ufffd四联"},
		{"浙江四联", "浙江四联"},
	}
	for _, tt := range tests {
		if got := normalize(tt.in); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
