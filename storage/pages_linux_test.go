package storage

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

// TestReleasePages reads every record through the memory map, gives the
// pages back, and checks that they were given back (this process's
// file-backed RSS falls) and that the store reads and writes as before,
// including a write that grows the file and so remaps it.
func TestReleasePages(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	recs := make([]record.Record, 3000)
	for i := range recs {
		recs[i] = &record.Enterprise{Name: fmt.Sprintf("测试页面释放有限公司%04d", i), Address: strings.Repeat("浙江省杭州市", 20)}
	}
	if err := s.BulkCreate(ctx, recs); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Search(ctx, "页面释放", 0); err != nil { // builds, then releases
		t.Fatal(err)
	}
	before := listAll(t, s)
	touched := rssFileKB(t)
	listAll(t, s) // reads every page again
	read := rssFileKB(t)
	s.releasePages()
	released := rssFileKB(t)
	if read-released < (read-touched)/2 || read-released < 1024 {
		t.Errorf("RssFile %d kB after reading the store, %d kB after releasing: want at least 1 MB less", read, released)
	}
	if after := listAll(t, s); after != before {
		t.Fatalf("after release the store lists %d records, before %d", after, before)
	}
	big := make([]record.Record, 2000)
	for i := range big {
		big[i] = &record.Enterprise{Name: fmt.Sprintf("扩容公司%04d", i), Address: strings.Repeat("丽水市", 60)}
	}
	if err := s.BulkCreate(ctx, big); err != nil {
		t.Fatal(err)
	}
	s.releasePages()
	hits, err := s.Search(ctx, "扩容公司1999", 1)
	if err != nil || len(hits) != 1 {
		t.Fatalf("Search after growing and releasing = %v, %v", hits, err)
	}
	mustHealthy(t, s)
}

// listAll reads every enterprise and returns how many there are.
func listAll(t *testing.T, s *Store) int {
	t.Helper()
	recs, err := s.List(context.Background(), record.KindEnterprise, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return len(recs)
}

func rssFileKB(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status:", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "RssFile:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	t.Skip("no RssFile in /proc/self/status")
	return 0
}
