package search_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/shanhaifield/shanhai/search"
	"github.com/shanhaifield/shanhai/search/searchtest"
)

// TestMatchesLinearScan checks the index against a plain scan that applies
// the text rules literally, over synthetic data and Chinese queries typed
// from names and addresses (1–4 characters), credit code prefixes and
// mobile suffixes, one or two terms.
func TestMatchesLinearScan(t *testing.T) {
	var docs []search.Doc
	for i, e := range searchtest.Enterprises(2000, 5) {
		docs = append(docs, search.Doc{ID: fmt.Sprintf("E%04d", i), Kind: search.KindEnterprise,
			Name: e.Name, ShortName: e.ShortName, Address: e.Address, CreditCode: e.CreditCode})
	}
	for i, p := range searchtest.People(2000, 5) {
		docs = append(docs, search.Doc{ID: fmt.Sprintf("C%04d", i), Kind: search.KindContact, Name: p.Name, Mobiles: []string{p.Mobile}})
	}
	ix := search.New()
	ix.PutAll(docs)
	rng := rand.New(rand.NewPCG(1, 1))
	piece := func() string {
		d := docs[rng.IntN(len(docs))]
		switch {
		case rng.IntN(8) == 0 && d.CreditCode != "":
			return d.CreditCode[:2+rng.IntN(12)]
		case rng.IntN(8) == 0 && len(d.Mobiles) > 0:
			return d.Mobiles[0][len(d.Mobiles[0])-4-rng.IntN(5):]
		}
		rs := []rune(d.Name)
		if rng.IntN(3) == 0 && d.Address != "" {
			rs = []rune(d.Address)
		}
		k := 1 + rng.IntN(min(4, len(rs)))
		at := rng.IntN(len(rs) - k + 1)
		return string(rs[at : at+k])
	}
	for range 250 {
		q := piece()
		if rng.IntN(4) == 0 {
			q += " " + piece()
		}
		got := ix.Query(q, 0)
		want := linearScan(docs, q)
		if !slices.EqualFunc(got, want, func(a, b search.Result) bool { return a.ID == b.ID && a.Score == b.Score }) {
			t.Errorf("Query(%q): index gave %d results, scan %d\nindex: %v\nscan:  %v", q, len(got), len(want), head(got), head(want))
		}
	}
	// A limit must give the head of the full ranking, although one-term
	// queries stop early (see matchTerm).
	for _, q := range []string{"z", "zj", "s", "sl", "si", "silian", "l", "浙", "浙江", "有限", "91", "9133", "1", "8", "c", "zh"} {
		for _, limit := range []int{1, 7, 20} {
			all := ix.Query(q, 0)
			if got := ix.Query(q, limit); !slices.Equal(got, all[:min(limit, len(all))]) {
				t.Errorf("Query(%q, %d) = %v, want head of %v", q, limit, got, head(all))
			}
		}
	}
}

func isAlnum(s string) bool {
	return strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789") == ""
}

func head(rs []search.Result) []search.Result { return rs[:min(len(rs), 5)] }

// linearScan scores every doc by the rules other than pinyin, for queries
// that contain no letters.
func linearScan(docs []search.Doc, q string) []search.Result {
	norm := func(s string) string { return strings.ToLower(width.Fold.String(s)) }
	var out []search.Result
	for _, d := range docs {
		total := 0
		for _, term := range strings.Fields(norm(q)) {
			name, short, addr := norm(d.Name), norm(d.ShortName), norm(d.Address)
			s := 0
			switch {
			case name == term:
				s = 1000
			case strings.HasPrefix(name, term):
				s = 900
			case short == term:
				s = 850
			case strings.Contains(short, term):
				s = 800
			case strings.Contains(name, term):
				s = 700
			case strings.Contains(addr, term):
				s = 400
			case len(term) >= 2 && isAlnum(term) && strings.HasPrefix(strings.ToLower(d.CreditCode), term):
				s = 300
			case len(term) >= 4 && isAlnum(term) && len(d.Mobiles) > 0 && strings.HasSuffix(d.Mobiles[0], term):
				s = 300
			}
			if s == 0 {
				total = 0
				break
			}
			total += s
		}
		if total > 0 {
			out = append(out, search.Result{ID: d.ID, Score: total})
		}
	}
	nameLen := map[string]int{}
	for _, d := range docs {
		nameLen[d.ID] = utf8.RuneCountInString(d.Name)
	}
	slices.SortFunc(out, func(a, b search.Result) int {
		return cmp.Or(b.Score-a.Score, nameLen[a.ID]-nameLen[b.ID], strings.Compare(a.ID, b.ID))
	})
	return out
}
