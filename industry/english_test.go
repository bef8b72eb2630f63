package industry

import (
	"strings"
	"testing"
	"unicode"
)

// TestEnglishNamesCoverSectionsAndDivisions fails when a 门类 or 大类 of
// the table has no English name, or a name is not English.
func TestEnglishNamesCoverSectionsAndDivisions(t *testing.T) {
	tbl, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loadEnglish(); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range tbl.All() {
		if c.Level != Section && c.Level != Division {
			continue
		}
		n++
		en, ok := EnglishName(c.Code)
		if !ok || strings.TrimSpace(en) == "" {
			t.Errorf("%s %s has no English name", c.Code, c.Name)
		}
		for _, r := range en {
			if unicode.Is(unicode.Han, r) {
				t.Errorf("%s: English name %q holds Chinese", c.Code, en)
				break
			}
		}
	}
	if n != 20+97 {
		t.Errorf("%d sections and divisions, want 117", n)
	}
	if _, ok := EnglishName("3670"); ok {
		t.Error("a 小类 has an English name; only 门类 and 大类 are translated")
	}
}

func TestParseEnglishRejects(t *testing.T) {
	for _, in := range []string{"", "code,name\nA,x\n", "code,name_en\nA,\n", "code,name_en\nA,\"x\n"} {
		if _, err := parseEnglish([]byte(in)); err == nil {
			t.Errorf("parseEnglish(%q) accepted", in)
		}
	}
}
