package search_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/search"
)

// FuzzQuery puts a document made of arbitrary text and asks an arbitrary
// query: nothing may panic, results must be ranked and unique, and a doc
// must be found by its own name while it is in the index and not after.
func FuzzQuery(f *testing.F) {
	f.Add("浙江四联玩具有限公司", "四联玩具", "浙江省丽水市", "91331127MA2A1B2C3X", "+8613800008000", "slwj")
	f.Add("ＡＢＣ（中国）", "", "", "", "", "ａｂｃ 中国")
	f.Add("重庆长安", "长安", "\xff\xfe", "9", "+86", "+86 8000")
	f.Add("a\x00b", "\u3000", "x y", "zz", "1234", "\x00")
	f.Fuzz(func(t *testing.T, name, short, addr, code, mobile, q string) {
		ix := fixture()
		doc := search.Doc{ID: "fuzz", Kind: search.KindContact, Name: name, ShortName: short,
			Address: addr, CreditCode: code, Mobiles: []string{mobile}}
		ix.Put(doc)
		checkRanked(t, ix.Query(q, 10))
		checkRanked(t, ix.Query(q, 0))
		findsSelf := len(strings.Fields(name)) == 1 && strings.TrimSpace(name) == name
		if findsSelf && !slices.Contains(ids(ix.Query(name, 0)), "fuzz") {
			t.Errorf("Query(%q) does not find the doc named so", name)
		}
		ix.Remove("fuzz")
		if slices.Contains(ids(ix.Query(name, 0)), "fuzz") || slices.Contains(ids(ix.Query(q, 0)), "fuzz") {
			t.Error("removed doc still found")
		}
	})
}

func checkRanked(t *testing.T, rs []search.Result) {
	t.Helper()
	seen := map[string]bool{}
	for i, r := range rs {
		if seen[r.ID] {
			t.Fatalf("duplicate result %s", r.ID)
		}
		seen[r.ID] = true
		if i > 0 && r.Score > rs[i-1].Score {
			t.Fatalf("result %d scores %d above %d", i, r.Score, rs[i-1].Score)
		}
		if r.Field == "" || r.Score <= 0 {
			t.Fatalf("result %+v has no field or score", r)
		}
	}
}
