package search_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/shanhaifield/shanhai/search"
)

// fixture is a small index whose documents each exercise one rule.
func fixture() *search.Index {
	ix := search.New()
	for _, d := range []search.Doc{
		{ID: "e1", Kind: search.KindEnterprise, Name: "浙江四联玩具有限公司", ShortName: "四联玩具",
			Address: "浙江省丽水市景宁畲族自治县人民路88号", CreditCode: "91331127MA2A1B2C3X"},
		{ID: "e2", Kind: search.KindEnterprise, Name: "四联（杭州）机械有限公司", ShortName: "杭州四联",
			Address: "浙江省杭州市西湖区文一西路1号", CreditCode: "91330106146284376K"},
		{ID: "e3", Kind: search.KindEnterprise, Name: "杭州华鑫四联电子有限公司",
			Address: "浙江省杭州市滨江区江南大道5号", CreditCode: "91330108MA27XYZ01P"},
		{ID: "e4", Kind: search.KindEnterprise, Name: "丽水恒达汽车零部件有限公司", ShortName: "恒达",
			Address: "浙江省丽水市莲都区四联路9号", CreditCode: "91331102MA29QWE123"},
		{ID: "e5", Kind: search.KindEnterprise, Name: "四联"},
		{ID: "e6", Kind: search.KindEnterprise, Name: "重庆长安汽车股份有限公司", ShortName: "长安汽车"},
		{ID: "e7", Kind: search.KindEnterprise, Name: "ABB（中国）有限公司", ShortName: "ABB"},
		{ID: "c1", Kind: search.KindContact, EnterpriseID: "e1", Name: "张伟", Mobiles: []string{"+8613800008000"}},
		{ID: "c2", Kind: search.KindContact, EnterpriseID: "e2", Name: "李娜", Mobiles: []string{"+8613912348000", "+8615857711111"}},
		{ID: "c3", Kind: search.KindContact, EnterpriseID: "e4", Name: "曾志明", Mobiles: []string{"+8618657718001"}},
		{ID: "c4", Kind: search.KindContact, EnterpriseID: "e3", Name: "单文斌"},
	} {
		ix.Put(d)
	}
	return ix
}

func ids(rs []search.Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// field returns the Field reported for id, or "" when id is absent.
func field(rs []search.Result, id string) string {
	for _, r := range rs {
		if r.ID == id {
			return r.Field
		}
	}
	return ""
}

func TestQuery(t *testing.T) {
	ix := fixture()
	tests := []struct {
		name  string
		q     string
		want  []string // exact ranked IDs, when order matters
		has   string   // or: this ID must be present …
		field string   // … with this Field
	}{
		{name: "chinese substring", q: "玩具", want: []string{"e1"}},
		{name: "ranking exact>prefix>short>name>address", q: "四联", want: []string{"e5", "e2", "e1", "e3", "e4"}},
		{name: "pinyin initials", q: "slwj", has: "e1", field: "pinyin_initials"},
		{name: "full-width initials", q: "ｓｌｗｊ", has: "e1", field: "pinyin_initials"},
		{name: "upper-case initials", q: "SLWJ", has: "e1", field: "pinyin_initials"},
		{name: "full pinyin mid-name", q: "silian", has: "e1", field: "pinyin"},
		{name: "partial syllable", q: "sili", has: "e1", field: "pinyin"},
		{name: "long pinyin from start", q: "zhejiangsilian", has: "e1", field: "pinyin"},
		{name: "long pinyin mid-name", q: "silianwanju", want: []string{"e1"}},
		{name: "long initials mid-name", q: "slwjyx", want: []string{"e1"}},
		{name: "pinyin not syllable-aligned", q: "ilian", want: []string{}},
		{name: "pinyin at start ranks first", q: "silian", want: []string{"e5", "e2", "e1", "e3"}},
		{name: "contact full pinyin", q: "zhangwei", want: []string{"c1"}},
		{name: "surname reading 曾 zeng", q: "zengzhiming", want: []string{"c3"}},
		{name: "surname reading 单 shan", q: "swb", want: []string{"c4"}},
		{name: "word reading 重庆 chong", q: "chongqing", want: []string{"e6"}},
		{name: "长 read chang", q: "changan", want: []string{"e6"}},
		{name: "latin name", q: "abb", want: []string{"e7"}},
		{name: "full-width bracket in name", q: "(中国)", want: []string{"e7"}},
		{name: "credit code prefix", q: "913311", want: []string{"e1", "e4"}},
		{name: "credit code long prefix lower-case", q: "91331127ma2a1", want: []string{"e1"}},
		{name: "credit code needs two chars", q: "9", want: []string{"e4"}}, // address 9号 only
		{name: "mobile suffix", q: "8000", want: []string{"c1", "c2"}},
		{name: "mobile second number", q: "1111", want: []string{"c2"}},
		{name: "mobile long suffix", q: "12348000", want: []string{"c2"}},
		{name: "mobile full with +86", q: "+8613800008000", want: []string{"c1"}},
		{name: "mobile needs four digits", q: "000", want: []string{}},
		{name: "AND of terms", q: "四联 玩具", want: []string{"e1"}},
		{name: "AND across fields", q: "四联 滨江", want: []string{"e3"}},
		{name: "AND pinyin and chinese", q: "hangzhou 机械", want: []string{"e2"}},
		{name: "AND with a missing term", q: "四联 不存在", want: []string{}},
		{name: "address substring", q: "莲都区", want: []string{"e4"}},
		{name: "three-rune name substring", q: "零部件", want: []string{"e4"}},
		{name: "no match", q: "宁波", want: []string{}},
		{name: "blank", q: " 　 ", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ix.Query(tt.q, 20)
			if tt.has != "" {
				if f := field(got, tt.has); f != tt.field {
					t.Errorf("Query(%q) field of %s = %q, want %q (got %v)", tt.q, tt.has, f, tt.field, got)
				}
				return
			}
			if g := ids(got); !slices.Equal(g, tt.want) {
				t.Errorf("Query(%q) = %v, want %v\n%+v", tt.q, g, tt.want, got)
			}
		})
	}
}

func TestQueryResultFields(t *testing.T) {
	ix := fixture()
	got := ix.Query("8000", 1)
	want := []search.Result{{ID: "c1", Kind: search.KindContact, EnterpriseID: "e1", Name: "张伟", Score: 300, Field: "mobile"}}
	if !slices.Equal(got, want) {
		t.Errorf("Query(8000, 1) = %+v, want %+v", got, want)
	}
	if got := ix.Query("四联", 2); !slices.Equal(ids(got), []string{"e5", "e2"}) {
		t.Errorf("limit 2: %v", ids(got))
	}
	if got := ix.Query("四联", 0); len(got) != 5 {
		t.Errorf("limit 0 returned %d results, want all 5", len(got))
	}
}

func TestTieBreak(t *testing.T) {
	ix := search.New()
	for _, d := range []search.Doc{
		{ID: "b", Name: "华鑫电子有限公司"},
		{ID: "a", Name: "华鑫电子有限公司"},
		{ID: "c", Name: "华鑫电子股份有限公司"},
		{ID: "d", Name: "华鑫科技"},
	} {
		ix.Put(d)
	}
	if got := ids(ix.Query("华鑫", 10)); !slices.Equal(got, []string{"d", "a", "b", "c"}) {
		t.Errorf("equal scores ranked %v, want shorter name then ID", got)
	}
}

// TestTieBreakIDs: equal score and name length order by the whole ID,
// including IDs that share long prefixes or are prefixes of each other.
func TestTieBreakIDs(t *testing.T) {
	tests := [][]string{
		{"01JD8X3Q5T0000000000000002", "01JD8X3Q5T0000000000000001", "01JD8X3Q5T0000000000000010"},
		{"abc", "ab", "abc\x00", "a", "b"},
		{"01JD8X3Q5T00000Z", "01JD8X3Q5T00000Z0", "01JD8X3Q5T00000Y9"},
		{"é", "e", "ÿ", "z"},
	}
	for _, idList := range tests {
		ix := search.New()
		for _, id := range idList {
			ix.Put(search.Doc{ID: id, Name: "华鑫电子"})
		}
		want := slices.Sorted(slices.Values(idList))
		if got := ids(ix.Query("华鑫", 0)); !slices.Equal(got, want) {
			t.Errorf("ranked %q, want %q", got, want)
		}
		if got := ids(ix.Query("华鑫", 2)); !slices.Equal(got, want[:2]) {
			t.Errorf("limit 2 ranked %q, want %q", got, want[:2])
		}
	}
}

func TestPutReplaceAndRemove(t *testing.T) {
	tests := []struct {
		name    string
		change  func(ix *search.Index)
		q       string
		want    []string
		wantLen int
	}{
		{"replace drops old text", func(ix *search.Index) {
			ix.Put(search.Doc{ID: "e1", Kind: search.KindEnterprise, Name: "景宁畲乡茶业有限公司"})
		}, "玩具", []string{}, 11},
		{"replace adds new text", func(ix *search.Index) {
			ix.Put(search.Doc{ID: "e1", Kind: search.KindEnterprise, Name: "景宁畲乡茶业有限公司"})
		}, "畲乡", []string{"e1"}, 11},
		{"remove", func(ix *search.Index) { ix.Remove("e5") }, "四联", []string{"e2", "e1", "e3", "e4"}, 10},
		{"remove unknown is a no-op", func(ix *search.Index) { ix.Remove("nope") }, "四联", []string{"e5", "e2", "e1", "e3", "e4"}, 11},
		{"PutAll: later duplicate wins", func(ix *search.Index) {
			ix.PutAll([]search.Doc{
				{ID: "n1", Name: "缙云恒达五金有限公司"},
				{ID: "e1", Name: "庆元华鑫竹木制品厂"},
				{ID: "n1", Name: "缙云恒达阀门有限公司"},
			})
		}, "阀门", []string{"n1"}, 12},
		{"PutAll replaces", func(ix *search.Index) {
			ix.PutAll([]search.Doc{{ID: "e1", Name: "庆元华鑫竹木制品厂"}})
		}, "slwj", []string{}, 11},
		{"remove contact drops mobile", func(ix *search.Index) { ix.Remove("c1") }, "8000", []string{"c2"}, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := fixture()
			tt.change(ix)
			if got := ids(ix.Query(tt.q, 20)); !slices.Equal(got, tt.want) {
				t.Errorf("Query(%q) = %v, want %v", tt.q, got, tt.want)
			}
			if ix.Len() != tt.wantLen {
				t.Errorf("Len = %d, want %d", ix.Len(), tt.wantLen)
			}
		})
	}
}

// TestCompaction replaces and removes enough documents to trigger the
// tombstone compaction several times and checks nothing is lost or stale.
func TestCompaction(t *testing.T) {
	ix := search.New()
	const n = 3000
	for round := range 3 {
		docs := make([]search.Doc, n)
		for i := range docs {
			docs[i] = search.Doc{ID: fmt.Sprintf("e%05d", i), Name: fmt.Sprintf("第%d轮恒达机械%d号", round, i)}
		}
		ix.PutAll(docs)
	}
	for i := 0; i < n; i += 2 {
		ix.Remove(fmt.Sprintf("e%05d", i))
	}
	if ix.Len() != n/2 {
		t.Fatalf("Len = %d, want %d", ix.Len(), n/2)
	}
	tests := []struct {
		q    string
		want int
	}{
		{"第0轮", 0},
		{"第2轮", n / 2},
		{"恒达 机械", n / 2},
		{"第2轮恒达机械1号", 1},
		{"第2轮恒达机械2号", 0},
	}
	for _, tt := range tests {
		if got := ix.Query(tt.q, 0); len(got) != tt.want {
			t.Errorf("Query(%q) = %d results, want %d", tt.q, len(got), tt.want)
		}
	}
}

// TestConcurrent queries while writing; run with -race.
func TestConcurrent(t *testing.T) {
	ix := fixture()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 500 {
				if w == 0 {
					id := fmt.Sprintf("x%d", i%50)
					ix.Put(search.Doc{ID: id, Name: "四联新材料有限公司"})
					if i%3 == 0 {
						ix.Remove(id)
					}
					if i%50 == 0 {
						ix.PutAll([]search.Doc{{ID: id, Name: "景宁四联茶业"}, {ID: "y", Name: "玩具"}})
					}
					continue
				}
				if got := ix.Query("四联 玩具", 5); len(got) != 1 || got[0].ID != "e1" {
					t.Errorf("concurrent Query = %v", got)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestZeroIndex(t *testing.T) {
	var ix search.Index
	if got := ix.Query("四联", 10); got != nil || ix.Len() != 0 {
		t.Errorf("empty zero Index: Query = %v, Len = %d", got, ix.Len())
	}
	ix.Remove("x")
	ix.Put(search.Doc{ID: "x", Name: "四联"})
	if got := ids(ix.Query("四联", 10)); !slices.Equal(got, []string{"x"}) {
		t.Errorf("zero Index after Put: %v", got)
	}
	var bulk search.Index
	bulk.PutAll([]search.Doc{{ID: "y", Name: "恒达"}})
	if got := ids(bulk.Query("恒达", 10)); !slices.Equal(got, []string{"y"}) {
		t.Errorf("zero Index after PutAll: %v", got)
	}
}
