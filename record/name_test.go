package record

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"浙江四联玩具有限公司", "四联玩具"},
		{"四联玩具有限公司", "四联玩具"},
		{"浙江省四联玩具股份有限公司", "四联玩具"},
		{"四联玩具（浙江）有限公司", "四联玩具"},
		{"四联玩具(浙江)有限公司", "四联玩具"},
		{"浙江 四联 玩具 有限 公司", "四联玩具"},
		{"四联玩具有限责任公司", "四联玩具"},
		{"四联玩具厂", "四联玩具"},
		{"浙江四联玩具集团有限公司", "四联玩具"},
		{"浙江华峰（集团）有限公司", "华峰"},
		{"杭州市四联玩具有限公司", "四联玩具"},
		{"浙江省湖州市长兴县天能化工有限公司", "天能化工"},
		{"丽水市松阳县恒达不锈钢有限公司", "恒达不锈钢"},
		{"宁波（北仑）精工有限公司", "精工"},
		{"上海四联玩具有限公司", "四联玩具"},
		{"ＡＢＣ　Ｔｅｃｈ Co., Ltd.", "abctech"},
		{"Alibaba (China) Co., Ltd", "alibaba"},
		{"Acme Corporation", "acme"},
		{"Deco", "deco"},     // "co" is a word, not a string suffix
		{"长兴化工有限公司", "长兴化工"}, // bare county names stay
		{"杭州有限公司", "杭州"},     // never strip to nothing
		{"浙江", "浙江"},
		{"有限公司", "有限公司"},
		{"四联玩具有限公司杭州分公司", "四联玩具有限公司杭州分公司"}, // a branch is its own entity
		{"", ""},
		{"  ", ""},
	}
	for _, tt := range tests {
		got := NormalName(tt.in)
		if got != tt.want {
			t.Errorf("NormalName(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := NormalName(got); again != got {
			t.Errorf("NormalName not idempotent on %q: %q then %q", tt.in, got, again)
		}
	}
}

// TestNormalNameCollisions checks which names meet for duplicate
// detection and which must stay apart.
func TestNormalNameCollisions(t *testing.T) {
	same := [][2]string{
		{"浙江四联玩具有限公司", "四联玩具有限公司"},
		{"浙江四联玩具有限公司", "浙江省四联玩具股份有限公司"},
		{"四联玩具有限公司", "浙江省四联玩具股份有限公司"},
		{"浙江四联玩具有限公司", "四联玩具（浙江）有限公司"},
		{"四联玩具厂", "四联玩具有限公司"},
	}
	for _, p := range same {
		if a, b := NormalName(p[0]), NormalName(p[1]); a != b {
			t.Errorf("%q → %q and %q → %q should collide", p[0], a, p[1], b)
		}
	}
	apart := [][2]string{
		{"长兴化工有限公司", "安吉化工有限公司"},
		{"四联玩具有限公司", "四联玩具有限公司杭州分公司"},
		{"四联玩具有限公司", "三联玩具有限公司"},
	}
	for _, p := range apart {
		if a, b := NormalName(p[0]), NormalName(p[1]); a == b {
			t.Errorf("%q and %q both → %q; they must stay apart", p[0], p[1], a)
		}
	}
}

func FuzzNormalName(f *testing.F) {
	for _, s := range []string{"浙江四联玩具有限公司", "四联玩具（浙江）有限公司", "ＡＢＣ Co., Ltd.", "杭州有限公司", "(", "()", "浙江 x co", "分公司", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalName(s)
		if again := NormalName(n); again != n {
			t.Fatalf("NormalName(%q) = %q, but NormalName(%q) = %q", s, n, n, again)
		}
	})
}

// FuzzAffixIndex checks that looking affixes up by rune finds what
// trying the whole list finds.
func FuzzAffixIndex(f *testing.F) {
	for _, s := range []string{"浙江四联玩具有限公司", "杭州市西湖区某某厂", "", "\xff有限公司", "省", "浙江省\xef\xbf\xbd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		for _, s := range affixed(name) {
			checkAffixIndex(t, s)
		}
	})
}

// affixed is name alone, after every place prefix and before every
// legal-form suffix.
func affixed(name string) []string {
	out := []string{name}
	for _, p := range namePrefixes {
		out = append(out, p+name)
	}
	for _, f := range legalFormSuffixes {
		out = append(out, name+f)
	}
	return out
}

func checkAffixIndex(t *testing.T, s string) {
	t.Helper()
	first, _ := utf8.DecodeRuneInString(s)
	if got, want := longestMatch(prefixesByRune[first], s, strings.HasPrefix), longestMatch(namePrefixes, s, strings.HasPrefix); got != want {
		t.Fatalf("prefix of %q: indexed %q, whole list %q", s, got, want)
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if got, want := longestMatch(suffixesByRune[last], s, strings.HasSuffix), longestMatch(legalFormSuffixes, s, strings.HasSuffix); got != want {
		t.Fatalf("suffix of %q: indexed %q, whole list %q", s, got, want)
	}
}
