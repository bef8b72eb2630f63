package storage

import (
	"context"
	"fmt"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

func TestSearchFollowsWrites(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	code := creditCode(t, "91330521MA2B00017")
	ent := &record.Enterprise{Name: "德清莫干山民宿有限公司", ShortName: "莫干山民宿", Address: "湖州市德清县莫干山镇", CreditCode: code}
	mustCreate(t, s, ent)
	con := &record.Contact{EnterpriseID: ent.ID, Name: "沈建国", Title: "总经理", Mobile: "13812345678"}
	mustCreate(t, s, con)

	type step struct {
		name  string
		write func(t *testing.T) // runs before the query
		q     string
		want  string // ID of the first hit; "" = no hits
		title string
		sub   string
	}
	steps := []step{
		{name: "first search builds the index", q: "莫干山", want: ent.ID, title: "德清莫干山民宿有限公司"},
		{name: "pinyin initials", q: "sjg", want: con.ID, title: "沈建国（德清莫干山民宿有限公司）", sub: "联系人 · 总经理"},
		{name: "mobile suffix", q: "5678", want: con.ID, sub: "手机号：+8613812345678"},
		{name: "credit code prefix", q: code[:8], want: ent.ID, sub: "统一社会信用代码：" + code},
		{name: "record created after the build is found", write: func(t *testing.T) {
			mustCreate(t, s, newEnt("安吉白茶有限公司"))
		}, q: "白茶", title: "安吉白茶有限公司"},
		{name: "renamed record is found by its new name", write: func(t *testing.T) {
			if _, err := s.Patch(ctx, record.KindEnterprise, ent.ID, rawFields(`{"name":"德清竹海旅游有限公司"}`)); err != nil {
				t.Fatal(err)
			}
		}, q: "竹海", want: ent.ID},
		{name: "and no longer by its old name", q: "民宿有限", want: ""},
		{name: "deleted enterprise and contact are gone", write: func(t *testing.T) {
			if err := s.Delete(ctx, ent.ID); err != nil {
				t.Fatal(err)
			}
		}, q: "沈建国", want: ""},
		{name: "blank query", q: "  ", want: ""},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.write != nil {
				st.write(t)
			}
			hits, err := s.Search(ctx, st.q, 10)
			if err != nil {
				t.Fatal(err)
			}
			if st.want == "" && st.title == "" {
				if len(hits) != 0 {
					t.Fatalf("Search(%q) = %+v, want none", st.q, hits)
				}
				return
			}
			if len(hits) == 0 {
				t.Fatalf("Search(%q): no hits", st.q)
			}
			h := hits[0]
			if st.want != "" && h.ID != st.want || st.title != "" && h.Title != st.title || st.sub != "" && h.Sub != st.sub {
				t.Fatalf("Search(%q)[0] = %+v, want id %s title %q sub %q", st.q, h, st.want, st.title, st.sub)
			}
		})
	}
}

// TestSearchIndexBuiltDuringWrites builds the index while another
// goroutine writes: every record must end up searchable, whichever side
// of the build its commit fell on.
func TestSearchIndexBuiltDuringWrites(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	const n = 120
	names := make([]string, n)
	done := make(chan error, 1)
	go func() {
		for i := range n {
			names[i] = fmt.Sprintf("并发写入第%03d号有限公司", i)
			if err := s.Create(ctx, newEnt(names[i])); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for range 3 {
		if err := s.BuildSearchIndex(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Search(ctx, "并发", 5); err != nil {
			t.Fatal(err)
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		hits, err := s.Search(ctx, name, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].Title != name {
			t.Fatalf("Search(%q) = %+v", name, hits)
		}
	}
}
