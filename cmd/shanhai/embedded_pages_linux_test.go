//go:build linux

package main

import (
	"bytes"
	"testing"

	"github.com/shanhaifield/shanhai/assets"
)

// TestReleaseEmbeddedPages gives back the pages of an embedded font and
// reads it again: the bytes come back from the executable unchanged. A
// heap buffer is refused and left intact.
func TestReleaseEmbeddedPages(t *testing.T) {
	font := assets.FontBold()
	want := bytes.Clone(font)
	n, err := releaseEmbeddedPages(font)
	if err != nil {
		t.Fatal(err)
	}
	if n < len(font)-2*4096 || n > len(font) {
		t.Errorf("released %d bytes of a %d-byte font", n, len(font))
	}
	if !bytes.Equal(font, want) {
		t.Fatal("the font reads back different after its pages were given back")
	}

	heap := bytes.Repeat([]byte{7}, 1<<20)
	if _, err := releaseEmbeddedPages(heap); err == nil {
		t.Error("a heap buffer was accepted")
	}
	if bytes.Count(heap, []byte{7}) != len(heap) {
		t.Error("the heap buffer changed")
	}
}
