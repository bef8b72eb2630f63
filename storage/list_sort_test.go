package storage

import (
	"context"
	"slices"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

// sortFixture stores five enterprises in creation order c, a, e, b, d
// (by name), touches some later, and gives some open and done tasks.
func sortFixture(t *testing.T) (*Store, map[string]string) {
	t.Helper()
	s := openTest(t)
	ctx := context.Background()
	ids := map[string]string{}
	for _, e := range []struct {
		name  string
		stage record.Stage
	}{
		{"丙公司", record.StageSigned}, {"Alpha", record.StageLead}, {"戊公司", record.StageLead},
		{"Beta", record.StageProducing}, {"丁公司", record.StageVisited},
	} {
		ent := newEnt(e.name)
		ent.Stage = e.stage
		ids[e.name] = mustCreate(t, s, ent)
	}
	// Touch Alpha, then 丙: 丙 is the most recently updated.
	for _, n := range []string{"Alpha", "丙公司"} {
		rec, err := s.Get(ctx, ids[n])
		if err != nil {
			t.Fatal(err)
		}
		rec.(*record.Enterprise).Notes = "touched"
		if err := s.Update(ctx, rec); err != nil {
			t.Fatal(err)
		}
	}
	for _, task := range []struct {
		ent, due string
		done     bool
	}{
		{"戊公司", "2026-12-05", false}, {"Beta", "2026-12-01", false}, {"戊公司", "2026-11-30", false},
		{"Alpha", "2026-11-01", true}, // done: not a follow-up due
	} {
		mustCreate(t, s, &record.Task{EnterpriseID: ids[task.ent], Title: "回访", Due: task.due, Done: task.done})
	}
	return s, ids
}

func TestListSorted(t *testing.T) {
	s, ids := sortFixture(t)
	ctx := context.Background()
	tests := []struct {
		sort  Sort
		stage record.Stage
		want  []string
	}{
		{SortID, "", []string{"丙公司", "Alpha", "戊公司", "Beta", "丁公司"}},
		// NormalName lowercases and drops 公司, so "alpha" < "beta" < 丁 < 丙 < 戊 (code point order).
		{SortName, "", []string{"Alpha", "Beta", "丁", "丙", "戊"}},
		{SortUpdated, "", []string{"丙公司", "Alpha", "丁公司", "Beta", "戊公司"}},
		{SortStage, "", []string{"Alpha", "戊公司", "丁公司", "丙公司", "Beta"}},
		{SortStage, record.StageLead, []string{"Alpha", "戊公司"}},
		{SortName, record.StageLead, []string{"Alpha", "戊"}},
		{SortDue, "", []string{"戊公司", "Beta", "丙公司", "Alpha", "丁公司"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.sort)+"/"+string(tt.stage), func(t *testing.T) {
			want := make([]string, len(tt.want))
			for i, n := range tt.want {
				if id, ok := ids[n]; ok {
					want[i] = id
				} else {
					want[i] = ids[n+"公司"]
				}
			}
			all := listIDs(t, s, ListOptions{Sort: tt.sort, Stage: tt.stage})
			if !slices.Equal(all, want) {
				t.Fatalf("order %v, want %v", names(t, s, all), tt.want)
			}
			// Pages of two, each after the last ID of the one before,
			// give the same order.
			var paged []string
			after := ""
			for range 10 {
				page := listIDs(t, s, ListOptions{Sort: tt.sort, Stage: tt.stage, Limit: 2, After: after})
				paged = append(paged, page...)
				if len(page) < 2 {
					break
				}
				after = page[len(page)-1]
			}
			if !slices.Equal(paged, want) {
				t.Fatalf("paged order %v, want %v", names(t, s, paged), tt.want)
			}
		})
	}
	_ = ctx
}

func TestListSortUnnamedLast(t *testing.T) {
	s := openTest(t)
	named := mustCreate(t, s, newEnt("甲公司"))
	// "！！" normalises to nothing, so idx_name has no key for it.
	bare := mustCreate(t, s, newEnt("！！"))
	if record.NormalName("！！") != "" {
		t.Skip("the name normalises to something; nothing to test")
	}
	got := listIDs(t, s, ListOptions{Sort: SortName})
	if !slices.Equal(got, []string{named, bare}) {
		t.Fatalf("got %v, want %v", got, []string{named, bare})
	}
	if got := listIDs(t, s, ListOptions{Sort: SortName, After: bare}); len(got) != 0 {
		t.Fatalf("after the last: %v", got)
	}
}

func TestListSortRejected(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.List(ctx, record.KindTask, ListOptions{Sort: SortName}); err == nil {
		t.Error("sort of tasks accepted")
	}
	if _, err := s.List(ctx, record.KindEnterprise, ListOptions{Sort: "size"}); err == nil {
		t.Error("unknown sort accepted")
	}
	if _, err := s.List(ctx, record.KindEnterprise, ListOptions{Sort: SortName, After: "01J00000000000000000000000"}); err == nil {
		t.Error("missing cursor accepted")
	}
	for _, in := range []string{"", "id", "name", "updated", "stage", "due"} {
		if _, err := ParseSort(in); err != nil {
			t.Errorf("ParseSort(%q): %v", in, err)
		}
	}
	if _, err := ParseSort("Name "); err == nil {
		t.Error(`ParseSort("Name ") accepted`)
	}
}

func TestUpdatedAtFallsBackToDecoding(t *testing.T) {
	for _, in := range []string{
		`{"id":"x","updated_at":"2026-11-20T09:00:00.5Z"}`,
		`{"updated_at" : "2026-11-20T09:00:00.5Z","id":"x"}`,
	} {
		got, err := updatedAt([]byte(in))
		if err != nil || got != 1795165200500000000 {
			t.Errorf("updatedAt(%s) = %d, %v", in, got, err)
		}
	}
	if _, err := updatedAt([]byte(`{"updated_at":`)); err == nil {
		t.Error("damaged JSON accepted")
	}
}

func listIDs(t *testing.T, s *Store, opts ListOptions) []string {
	t.Helper()
	recs, err := s.List(context.Background(), record.KindEnterprise, opts)
	if err != nil {
		t.Fatalf("List %+v: %v", opts, err)
	}
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.Header().ID
	}
	return out
}

func names(t *testing.T, s *Store, ids []string) []string {
	t.Helper()
	out := make([]string, len(ids))
	for i, id := range ids {
		rec, err := s.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = rec.(*record.Enterprise).Name
	}
	return out
}

func TestTaskEnterprise(t *testing.T) {
	const ent = "01JCZ0000000000000000000AB"
	tests := []struct{ in, want string }{
		// The versions map, written first, has the same key.
		{`{"id":"T","versions":{"enterprise_id":"0000018f-0001-node"},"enterprise_id":"` + ent + `","title":"x"}`, ent},
		{`{"enterprise_id":"` + ent + `","versions":{"enterprise_id":"0000018f-0001-node"}}`, ent},
		{`{"title":"\"enterprise_id\":\"x\"","enterprise_id":"` + ent + `"}`, ent},
	}
	for _, tt := range tests {
		if got, err := taskEnterprise([]byte(tt.in)); err != nil || got != tt.want {
			t.Errorf("taskEnterprise(%s) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := taskEnterprise([]byte(`{"enterprise_id":`)); err == nil {
		t.Error("damaged JSON accepted")
	}
}
