package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

func rawFields(s string) map[string]json.RawMessage {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		panic(err) // test literal
	}
	return m
}

func TestList(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	var ents []string
	for i := range 7 {
		stage := record.StageLead
		if i%2 == 1 {
			stage = record.StageVisited
		}
		ents = append(ents, mustCreate(t, s, &record.Enterprise{Name: fmt.Sprintf("台州椒江汽配%d有限公司", i), Stage: stage}))
	}
	var tasks []string
	for i, due := range []string{"2026-12-01", "2026-11-25", "2027-01-10", "2026-12-01"} {
		tasks = append(tasks, mustCreate(t, s, &record.Task{EnterpriseID: ents[i%2], Title: "跟进", Due: due}))
	}
	if _, err := s.Patch(ctx, record.KindTask, tasks[3], rawFields(`{"done":true}`)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		kind record.Kind
		opts ListOptions
		want []string
		err  bool
	}{
		{"all enterprises", record.KindEnterprise, ListOptions{}, ents, false},
		{"first page", record.KindEnterprise, ListOptions{Limit: 3}, ents[:3], false},
		{"next page", record.KindEnterprise, ListOptions{Limit: 3, After: ents[2]}, ents[3:6], false},
		{"last page", record.KindEnterprise, ListOptions{Limit: 3, After: ents[5]}, ents[6:], false},
		{"by stage", record.KindEnterprise, ListOptions{Stage: record.StageVisited}, []string{ents[1], ents[3], ents[5]}, false},
		{"by stage paged", record.KindEnterprise, ListOptions{Stage: record.StageVisited, Limit: 1, After: ents[1]}, []string{ents[3]}, false},
		{"children of one enterprise", record.KindTask, ListOptions{Enterprise: ents[0]}, []string{tasks[0], tasks[2]}, false},
		{"open tasks due by a date", record.KindTask, ListOptions{DueBefore: "2026-12-01"}, []string{tasks[0], tasks[1]}, false},
		{"due and enterprise together", record.KindTask, ListOptions{DueBefore: "2026-12-01", Enterprise: ents[1]}, []string{tasks[1]}, false},
		{"stage on tasks is refused", record.KindTask, ListOptions{Stage: record.StageLead}, nil, true},
		{"unknown kind", record.Kind("zone"), ListOptions{}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := s.List(ctx, tt.kind, tt.opts)
			if (err != nil) != tt.err {
				t.Fatalf("List error %v, want error %v", err, tt.err)
			}
			var got []string
			for _, r := range recs {
				got = append(got, r.Header().ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("List = %v, want %v", got, tt.want)
			}
		})
	}
	if n, err := s.Count(ctx, record.KindTask); err != nil || n != 4 {
		t.Fatalf("Count tasks = %d, %v", n, err)
	}
}
