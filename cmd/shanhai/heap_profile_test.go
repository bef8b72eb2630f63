package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestHeapProfileDelay(t *testing.T) {
	tests := []struct {
		value string
		want  time.Duration
	}{
		{"", defaultHeapProfileDelay},
		{"0", 0},
		{"2.5", 2500 * time.Millisecond},
		{"-1", defaultHeapProfileDelay},
		{"soon", defaultHeapProfileDelay},
		{"NaN", defaultHeapProfileDelay},
		{"1e300", defaultHeapProfileDelay},
	}
	for _, tc := range tests {
		t.Run(tc.value, func(t *testing.T) {
			got := heapProfileDelay(func(k string) string {
				if k == "SHANHAI_HEAPPROFILE_DELAY" {
					return tc.value
				}
				return ""
			})
			if got != tc.want {
				t.Errorf("delay %q = %v, want %v", tc.value, got, tc.want)
			}
		})
	}
}

func TestWriteHeapProfileFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.heap")
	if err := writeHeapProfileFile(path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) { // a gzipped profile.proto
		t.Errorf("profile starts % x, want gzip", b[:min(len(b), 4)])
	}
	if err := writeHeapProfileFile(filepath.Join(t.TempDir(), "no", "such", "dir", "w.heap")); err == nil {
		t.Error("writing into a missing folder: no error")
	}
}
