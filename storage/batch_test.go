package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

func TestApply(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name       string
		creates    func(existing string) []record.Record
		patches    func(existing string) []PatchOp
		wantErr    bool
		wantEnts   int
		wantCons   int
		wantName   string // the existing enterprise's name afterwards
		wantOutbox []string
	}{
		{
			name: "creates and patches in one go",
			creates: func(ex string) []record.Record {
				e := &record.Enterprise{Name: "丽水新材料有限公司"}
				e.ID = "01KB0000000000000000000001"
				return []record.Record{e, &record.Contact{EnterpriseID: e.ID, Name: "王五"}, newContact(ex, "李四", "13800000000")}
			},
			patches: func(ex string) []PatchOp {
				return []PatchOp{{Kind: record.KindEnterprise, ID: ex, Fields: map[string]json.RawMessage{"name": json.RawMessage(`"景宁玩具有限公司"`)}}}
			},
			wantEnts: 2, wantCons: 2, wantName: "景宁玩具有限公司",
			wantOutbox: []string{"put enterprise", "put enterprise", "put contact", "put contact", "put enterprise"},
		},
		{
			name:    "a patch that changes nothing writes nothing",
			creates: func(string) []record.Record { return nil },
			patches: func(ex string) []PatchOp {
				return []PatchOp{{Kind: record.KindEnterprise, ID: ex, Fields: map[string]json.RawMessage{"name": json.RawMessage(`"上虞玩具有限公司"`)}}}
			},
			wantEnts: 1, wantName: "上虞玩具有限公司", wantOutbox: []string{"put enterprise"},
		},
		{
			name:    "an invalid create rolls back the patches",
			creates: func(string) []record.Record { return []record.Record{&record.Enterprise{Name: ""}} },
			patches: func(ex string) []PatchOp {
				return []PatchOp{{Kind: record.KindEnterprise, ID: ex, Fields: map[string]json.RawMessage{"name": json.RawMessage(`"改名有限公司"`)}}}
			},
			wantErr: true, wantEnts: 1, wantName: "上虞玩具有限公司", wantOutbox: []string{"put enterprise"},
		},
		{
			name: "a bad patch rolls back the creates",
			creates: func(string) []record.Record {
				return []record.Record{newEnt("新建有限公司")}
			},
			patches: func(ex string) []PatchOp {
				return []PatchOp{{Kind: record.KindEnterprise, ID: ex, Fields: map[string]json.RawMessage{"no_such": json.RawMessage(`1`)}}}
			},
			wantErr: true, wantEnts: 1, wantName: "上虞玩具有限公司", wantOutbox: []string{"put enterprise"},
		},
		{
			name:    "a patch of a missing record fails",
			creates: func(string) []record.Record { return []record.Record{newEnt("新建有限公司")} },
			patches: func(string) []PatchOp {
				return []PatchOp{{Kind: record.KindEnterprise, ID: "01KB0000000000000000000009", Fields: map[string]json.RawMessage{"notes": json.RawMessage(`"x"`)}}}
			},
			wantErr: true, wantEnts: 1, wantName: "上虞玩具有限公司", wantOutbox: []string{"put enterprise"},
		},
		{
			name: "two creates with one credit code fail",
			creates: func(string) []record.Record {
				a, b := newEnt("甲有限公司"), newEnt("乙有限公司")
				a.CreditCode, b.CreditCode = "91331127MA2HX4L5PG", "91331127MA2HX4L5PG"
				return []record.Record{a, b}
			},
			patches: func(string) []PatchOp { return nil },
			wantErr: true, wantEnts: 1, wantName: "上虞玩具有限公司", wantOutbox: []string{"put enterprise"},
		},
		{
			name: "many creates index in key order and stay consistent",
			creates: func(string) []record.Record {
				var out []record.Record
				for _, n := range []string{"戊", "甲", "丁", "乙", "丙"} {
					e := newEnt(n + "科技有限公司")
					out = append(out, e, newContact("", n+"经理", ""))
				}
				return out
			},
			patches:  func(string) []PatchOp { return nil },
			wantEnts: 6, wantCons: 5, wantName: "上虞玩具有限公司",
			wantOutbox: []string{"put enterprise", "put enterprise", "put contact", "put enterprise", "put contact",
				"put enterprise", "put contact", "put enterprise", "put contact", "put enterprise", "put contact"},
		},
		{
			name: "a child of a missing enterprise fails",
			creates: func(string) []record.Record {
				return []record.Record{newEnt("新建有限公司"), newContact("01KB0000000000000000000009", "赵六", "")}
			},
			patches: func(string) []PatchOp { return nil },
			wantErr: true, wantEnts: 1, wantName: "上虞玩具有限公司", wantOutbox: []string{"put enterprise"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t)
			ex := mustCreate(t, s, newEnt("上虞玩具有限公司"))
			creates := tt.creates(ex)
			linkChildren(creates)
			err := s.Apply(ctx, creates, tt.patches(ex))
			if (err != nil) != tt.wantErr {
				t.Fatalf("Apply error = %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				for _, c := range creates {
					if c.Header().ID != "" && c.Header().ID[:4] != "01KB" {
						t.Errorf("rolled-back create kept id %s", c.Header().ID)
					}
				}
			}
			if n, _ := s.Count(ctx, record.KindEnterprise); n != tt.wantEnts {
				t.Errorf("enterprises = %d, want %d", n, tt.wantEnts)
			}
			if n, _ := s.Count(ctx, record.KindContact); n != tt.wantCons {
				t.Errorf("contacts = %d, want %d", n, tt.wantCons)
			}
			got, err := s.Get(ctx, ex)
			if err != nil {
				t.Fatal(err)
			}
			if name := got.(*record.Enterprise).Name; name != tt.wantName {
				t.Errorf("name = %q, want %q", name, tt.wantName)
			}
			if ops := outboxOps(t, s); !slices.Equal(ops, tt.wantOutbox) {
				t.Errorf("outbox = %v, want %v", ops, tt.wantOutbox)
			}
			mustHealthy(t, s)
		})
	}
}

// TestApplySearchable checks that records created by Apply are found by
// search, as the search index follows the commit.
func TestApplySearchable(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if err := s.Apply(ctx, []record.Record{newEnt("青田石雕有限公司")}, nil); err != nil {
		t.Fatal(err)
	}
	hits, err := s.Search(ctx, "青田石雕", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 {
		t.Fatalf("no hit for a record created by Apply")
	}
}

// linkChildren gives each contact without an enterprise the enterprise
// before it, with an ID set as an import does.
func linkChildren(recs []record.Record) {
	last := ""
	for i, r := range recs {
		switch v := r.(type) {
		case *record.Enterprise:
			if v.ID == "" {
				v.ID = fmt.Sprintf("01KB%022d", i+100)
			}
			last = v.ID
		case *record.Contact:
			if v.EnterpriseID == "" {
				v.EnterpriseID = last
			}
		}
	}
}
