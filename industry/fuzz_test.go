package industry

import (
	"bytes"
	"io/fs"
	"testing"

	"github.com/shanhaifield/shanhai/assets"
)

func FuzzParse(f *testing.F) {
	if data, err := fs.ReadFile(assets.Industry(), assets.IndustryTablePath); err == nil {
		f.Add(data)
	}
	f.Add([]byte(small))
	f.Add([]byte("code,level,name,parent,note\nC,section,制造业,,\"a\nb\"\n"))
	f.Add([]byte("code,level,name,parent,note\n36,division,x,C,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := Parse(bytes.NewReader(data))
		if err != nil {
			if tab != nil {
				t.Fatal("Parse returned a table and an error")
			}
			return
		}
		all := tab.All()
		if len(all) != tab.Len() || len(all) == 0 {
			t.Fatalf("Len %d, All %d", tab.Len(), len(all))
		}
		for _, c := range all {
			chain := tab.Ancestors(c.Code)
			if len(chain) != c.Level.depth() || chain[len(chain)-1].Level != Section {
				t.Fatalf("Ancestors(%s) = %v", c.Code, chain)
			}
			if !tab.Within(c.Code, chain[len(chain)-1].Code) {
				t.Fatalf("%s not within its own section", c.Code)
			}
		}
	})
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"3670", "C3670", "c 3670", "３６７０", "C", "", "A3670", "98", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := Normalize(in)
		if err != nil {
			if out != "" {
				t.Fatalf("Normalize(%q) = %q with error %v", in, out, err)
			}
			return
		}
		if again, err := Normalize(out); err != nil || again != out {
			t.Fatalf("Normalize not idempotent: %q → %q → %q, %v", in, out, again, err)
		}
		if _, ok := sectionOf(out); !ok || levelOfShape(out) == "" {
			t.Fatalf("Normalize(%q) = %q, not a code", in, out)
		}
	})
}
