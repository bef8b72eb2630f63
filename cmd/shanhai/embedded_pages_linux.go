//go:build linux

package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"unsafe"
)

// releaseEmbeddedPages gives back to the kernel the resident pages of
// data embedded in the executable (fonts), once they have been parsed
// into the heap: go-text copies every font table it reads, so the
// embedded bytes are not read again unless a new text style is loaded.
// The pages are clean pages of the executable's file mapping, so a later
// read faults them in from the file again (MADV_DONTNEED on a private
// file mapping that was never written). Each buffer must lie inside a
// mapping of the executable, which is checked against /proc/self/maps:
// a buffer on the heap would be zeroed. Partial pages at either end are
// left alone, since other variables may share them. It returns the bytes
// given back.
func releaseEmbeddedPages(bufs ...[]byte) (int, error) {
	maps, err := executableMappings()
	if err != nil {
		return 0, err
	}
	page := uintptr(os.Getpagesize())
	released := 0
	for _, b := range bufs {
		if len(b) == 0 {
			continue
		}
		p := unsafe.Pointer(unsafe.SliceData(b))
		start := uintptr(p)
		end := start + uintptr(len(b))
		if !maps.contain(start, end) {
			return released, fmt.Errorf("release embedded pages: %d bytes at %#x are not in the executable's mapping", len(b), start)
		}
		first, last := (start+page-1)&^(page-1), end&^(page-1)
		if last <= first {
			continue
		}
		region := unsafe.Slice((*byte)(unsafe.Add(p, first-start)), last-first)
		if err := syscall.Madvise(region, syscall.MADV_DONTNEED); err != nil {
			return released, fmt.Errorf("release embedded pages: madvise: %w", err)
		}
		released += len(region)
	}
	return released, nil
}

// addrRanges are [start, end) address ranges.
type addrRanges [][2]uintptr

func (r addrRanges) contain(start, end uintptr) bool {
	for _, m := range r {
		if start >= m[0] && end <= m[1] {
			return true
		}
	}
	return false
}

// executableMappings reads the private file mappings of the running
// executable from /proc/self/maps. Neighbouring mappings are merged, so a
// buffer across a boundary between two of them still counts.
func executableMappings() (addrRanges, error) {
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return nil, fmt.Errorf("executable mappings: %w", err)
	}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return nil, fmt.Errorf("executable mappings: %w", err)
	}
	defer f.Close()
	var out addrRanges
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// start-end perms offset dev inode path
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || fields[5] != exe || !strings.HasSuffix(fields[1], "p") {
			continue
		}
		lo, hi, ok := strings.Cut(fields[0], "-")
		if !ok {
			continue
		}
		s, err1 := strconv.ParseUint(lo, 16, 64)
		e, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil {
			continue
		}
		if n := len(out); n > 0 && out[n-1][1] == uintptr(s) {
			out[n-1][1] = uintptr(e)
			continue
		}
		out = append(out, [2]uintptr{uintptr(s), uintptr(e)})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("executable mappings: %w", err)
	}
	return out, nil
}
