package industry

import (
	"bytes"
	"io/fs"
	"testing"

	"github.com/shanhaifield/shanhai/assets"
)

func BenchmarkParseEmbedded(b *testing.B) {
	data, err := fs.ReadFile(assets.Industry(), assets.IndustryTablePath)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	tab := mustLoad(b)
	for b.Loop() {
		if _, ok := tab.Lookup("C3670"); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkWithin(b *testing.B) {
	tab := mustLoad(b)
	for b.Loop() {
		if !tab.Within("3670", "C") {
			b.Fatal("not within")
		}
	}
}

func BenchmarkSearchName(b *testing.B) {
	tab := mustLoad(b)
	for b.Loop() {
		if len(tab.Search("制造", 20)) == 0 {
			b.Fatal("no match")
		}
	}
}

func BenchmarkSearchNameNoMatch(b *testing.B) {
	tab := mustLoad(b)
	for b.Loop() {
		if len(tab.Search("不存在", 20)) != 0 {
			b.Fatal("match")
		}
	}
}
