package app

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/shanhaifield/shanhai/demo"
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// openStore opens a real bbolt store in a temporary folder and fills it
// with recs (example data, invented names).
func openStore(t testing.TB, recs ...record.Record) *storage.Store {
	t.Helper()
	ctx := context.Background()
	s, err := storage.Open(ctx, filepath.Join(t.TempDir(), storage.FileName), storage.Options{Author: "测试"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	if len(recs) > 0 {
		if err := s.BulkCreate(ctx, recs); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestUIWithRealStore runs the enterprise screen against the real store,
// so the Services contract is checked end to end: listing, ranked search
// (also by pinyin initials), a contact hit shown as its enterprise, counts
// and the outbox.
func TestUIWithRealStore(t *testing.T) {
	ctx := context.Background()
	store := openStore(t)
	var ids []string
	for _, e := range []*record.Enterprise{
		{Name: "绍兴海川智能装备有限公司", ShortName: "海川智能", Stage: record.StageNegotiating, RegionCode: "330604"},
		{Name: "浙江青山新材料有限公司", Stage: record.StageLead},
		{Name: "宁波东港物流有限公司", Stage: record.StageSigned, RegionCode: "330206"},
	} {
		if err := store.Create(ctx, e); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	if err := store.Create(ctx, &record.Contact{EnterpriseID: ids[2], Name: "李卫东", LegalBasis: record.BasisPublic}); err != nil {
		t.Fatal(err)
	}

	u := newTestUI(t, store)
	s := u.enterprises
	if s.count.Text != "共 3 家企业" || len(s.rows) != 3 {
		t.Fatalf("initial: count %q, %d rows", s.count.Text, len(s.rows))
	}
	if got := u.status.sync.Text; got != "离线 · 4 条待同步" {
		t.Errorf("status = %q", got)
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"海川", []string{"绍兴海川智能装备有限公司"}},
		{"qsxcl", []string{"浙江青山新材料有限公司"}},
		{"李卫东", []string{"宁波东港物流有限公司"}},
		{"没有这家", nil},
	}
	for _, tt := range tests {
		s.search.SetText(tt.query)
		if got := rowNames(s); !slices.Equal(got, tt.want) {
			t.Errorf("query %q: rows %v, want %v", tt.query, got, tt.want)
		}
	}
	s.search.SetText("")
	s.stages.SetSelected("签约") // through the store's stage index
	if got := rowNames(s); !slices.Equal(got, []string{"宁波东港物流有限公司"}) {
		t.Errorf("stage 签约: rows %v", got)
	}
}

// BenchmarkSearchKeystroke measures what one keystroke in the search box
// costs with 10,000 enterprises in a real store: count, search, and the
// Get of each hit, then the list refresh.
func BenchmarkSearchKeystroke(b *testing.B) {
	recs := make([]record.Record, 10000)
	for i := range recs {
		recs[i] = &record.Enterprise{Name: fmt.Sprintf("示例%05d智能装备有限公司", i), Stage: record.StageLead, RegionCode: "330604"}
	}
	store := openStore(b, recs...)
	test.NewTempApp(b)
	s := newEnterpriseScreen(context.Background(), store, nil)
	s.setQuery("示例0") // builds the search index once
	b.ResetTimer()
	for i := range b.N {
		s.setQuery(fmt.Sprintf("示例%03d", i%1000))
	}
}

// BenchmarkListAll measures the empty-query load: Count plus listing the
// first page of enterprises.
func BenchmarkListAll(b *testing.B) {
	recs := make([]record.Record, 10000)
	for i := range recs {
		recs[i] = &record.Enterprise{Name: fmt.Sprintf("示例%05d智能装备有限公司", i), Stage: record.StageLead}
	}
	store := openStore(b, recs...)
	test.NewTempApp(b)
	s := newEnterpriseScreen(context.Background(), store, nil)
	b.ResetTimer()
	for range b.N {
		s.setQuery("")
	}
}

// TestDemoDataFromEmptyScreen taps 载入演示数据 on an empty real store: the
// demo enterprises are created through the store, the list and the
// pending count show them, and the first-start buttons go away.
func TestDemoDataFromEmptyScreen(t *testing.T) {
	store := openStore(t)
	u := newTestUI(t, store)
	s := u.enterprises
	if !s.start.Visible() {
		t.Fatal("empty store: no first-start buttons")
	}
	test.Tap(s.demoButton)
	n, err := store.Count(context.Background(), record.KindEnterprise)
	if err != nil || n != demo.Size() {
		t.Fatalf("store holds %d enterprises (%v), want %d", n, err, demo.Size())
	}
	if len(s.rows) != demo.Size() || s.count.Text != fmt.Sprintf("共 %d 家企业", demo.Size()) {
		t.Errorf("after demo: %d rows, count %q", len(s.rows), s.count.Text)
	}
	if s.start.Visible() || s.notice.Visible() {
		t.Error("first-start offer still shown after loading the demo")
	}
	if !s.demoButton.Disabled() && s.demoButton.Text != "载入演示数据" {
		t.Errorf("demo button left as %q", s.demoButton.Text)
	}
	test.Type(s.search, "海川")
	if got := rowNames(s); !slices.Equal(got, []string{"绍兴海川智能装备有限公司"}) {
		t.Errorf("search in demo data: %v", got)
	}
}

// TestEnterprisePagesRealStore scrolls to the loaded end of the list over
// a real store holding more than a page, with and without the stage
// filter (which pages through the stage index), until all are loaded.
func TestEnterprisePagesRealStore(t *testing.T) {
	const n = 3*pageSize + 5
	recs := make([]record.Record, n)
	signed := 0
	for i := range recs {
		stage := record.StageLead
		if i%2 == 0 {
			stage, signed = record.StageSigned, signed+1
		}
		recs[i] = &record.Enterprise{Name: fmt.Sprintf("示例%05d智能装备有限公司", i), Stage: stage}
	}
	store := openStore(t, recs...)
	test.NewTempApp(t)
	s := newEnterpriseScreen(context.Background(), store, nil)
	// The fetch runs on its own goroutine as in the app; waiting for it
	// keeps the test free of races.
	s.spawn = func(f func()) {
		done := make(chan struct{})
		go func() { f(); close(done) }()
		<-done
	}
	tests := []struct {
		stage string
		want  int
	}{
		{"全部阶段", n},
		{"签约", signed},
	}
	for _, tt := range tests {
		s.stages.SetSelected(tt.stage)
		if len(s.rows) != min(pageSize, tt.want) {
			t.Errorf("%s: first load %d rows, want %d", tt.stage, len(s.rows), min(pageSize, tt.want))
		}
		for range n / pageSize {
			s.bindItem(len(s.rows)-1, newEnterpriseItem())
		}
		seen := map[string]bool{}
		for _, r := range s.rows {
			seen[r.id] = true
		}
		if len(s.rows) != tt.want || len(seen) != tt.want || s.total != n {
			t.Errorf("%s: %d rows (%d distinct), total %d; want %d, total %d", tt.stage, len(s.rows), len(seen), s.total, tt.want, n)
		}
	}
}

// BenchmarkNextPage measures what scrolling near the loaded end costs
// with 10,000 enterprises in a real store: one listPage from a cursor in
// the middle, the work done off the UI goroutine before the append.
func BenchmarkNextPage(b *testing.B) {
	recs := make([]record.Record, 10000)
	for i := range recs {
		recs[i] = &record.Enterprise{Name: fmt.Sprintf("示例%05d智能装备有限公司", i), Stage: record.StageLead}
	}
	store := openStore(b, recs...)
	ctx := context.Background()
	all, err := store.List(ctx, record.KindEnterprise, storage.ListOptions{})
	if err != nil {
		b.Fatal(err)
	}
	after := all[len(all)/2].Header().ID
	b.ResetTimer()
	for range b.N {
		if rows, _, err := listPage(ctx, store, "", after); err != nil || len(rows) != pageSize {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
}
