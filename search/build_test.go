package search_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/shanhaifield/shanhai/search"
	"github.com/shanhaifield/shanhai/search/searchtest"
)

// TestBuildPathsAgree fills indexes the ways the store does (Put one by
// one, PutAll, a Builder) and then changes them alike (replace, remove
// enough to compact, put more after the freeze): every query must give the
// same ranked results on each.
func TestBuildPathsAgree(t *testing.T) {
	var docs []search.Doc
	for i, e := range searchtest.Enterprises(3000, 9) {
		docs = append(docs, search.Doc{ID: fmt.Sprintf("E%04d", i), Kind: search.KindEnterprise,
			Name: e.Name, ShortName: e.ShortName, Address: e.Address, CreditCode: e.CreditCode})
	}
	for i, p := range searchtest.People(3000, 9) {
		docs = append(docs, search.Doc{ID: fmt.Sprintf("C%04d", i), Kind: search.KindContact,
			EnterpriseID: fmt.Sprintf("E%04d", i%3000), Name: p.Name, Mobiles: []string{p.Mobile}})
	}
	docs = append(docs, search.Doc{ID: "X1", Kind: "visit", Name: "走访四联"}) // a kind of its own
	byPut, byPutAll := search.New(), search.New()
	for _, d := range docs {
		byPut.Put(d)
	}
	byPutAll.PutAll(docs)
	b := search.NewBuilder()
	for _, d := range docs {
		b.Add(d)
	}
	b.Add(docs[0]) // a repeat replaces
	byBuilder := b.Index()
	indexes := map[string]*search.Index{"Put": byPut, "PutAll": byPutAll, "Builder": byBuilder}

	queries := []string{"浙江", "有限公司", "科技", "zj", "zhejiang", "slwj", "91", "9133", "8000", "张", "zhang", "走访", "w", "E0001"}
	for _, d := range docs[:40] {
		rs := []rune(d.Name)
		queries = append(queries, string(rs[:min(3, len(rs))]), string(rs[len(rs)-2:]))
	}
	check := func(stage string, wantLen int) {
		t.Helper()
		for name, ix := range indexes {
			if ix.Len() != wantLen {
				t.Errorf("%s: %s Len = %d, want %d", stage, name, ix.Len(), wantLen)
			}
		}
		for _, q := range queries {
			want := byPut.Query(q, 0)
			for name, ix := range indexes {
				if got := ix.Query(q, 0); !slices.Equal(got, want) {
					t.Errorf("%s: %s Query(%q) = %v…, Put gave %v…", stage, name, q, head(got), head(want))
				}
			}
		}
	}
	check("built", len(docs))
	if rs := byBuilder.Query("走访四联", 1); len(rs) != 1 || rs[0].Kind != "visit" {
		t.Errorf("kind not kept: %+v", rs)
	}

	renamed := docs[5]
	renamed.Name = "丽水竹海旅游有限公司"
	for _, ix := range indexes {
		ix.Put(renamed)
		for _, d := range docs[1000:4500] { // more removed than left: compacts
			ix.Remove(d.ID)
		}
		ix.PutAll(docs[1000:1100]) // back, after the compaction's freeze
		ix.Remove("no such id")
	}
	check("changed", len(docs)-3500+100)
	for name, ix := range indexes {
		if rs := ix.Query("竹海", 0); len(rs) != 1 || rs[0].ID != renamed.ID {
			t.Errorf("%s: renamed doc: %v", name, rs)
		}
	}
}
