package storage

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

func TestCreate(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	parent := mustCreate(t, s, newEnt("绍兴上虞化工有限公司"))
	tests := []struct {
		name     string
		rec      record.Record
		wantErr  error
		wantKind any // *record.ValidationError when the error is one
		versions []string
	}{
		{"enterprise defaults to lead and stamps set fields", &record.Enterprise{Name: " 宁波甬江电子有限公司 ", Address: "宁波市北仑区"},
			nil, nil, []string{"address", "name", "stage"}},
		{"contact under an existing enterprise", newContact(parent, "李强", "138 0013 8000"),
			nil, nil, []string{"enterprise_id", "mobile", "name"}},
		{"blocking problem stores nothing", &record.Enterprise{Address: "无名"},
			nil, &record.ValidationError{}, nil},
		{"child of a missing enterprise", newContact("01JB0000000000000000000099", "赵六", ""),
			ErrNoParent, nil, nil},
		{"task without due date", &record.Task{EnterpriseID: parent, Title: "回访"},
			nil, &record.ValidationError{}, nil},
		{"given id must be a ULID", &record.Enterprise{Meta: record.Meta{ID: "x"}, Name: "甲乙"},
			nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pending, _ := s.Pending(ctx)
			err := s.Create(ctx, tt.rec)
			if tt.versions == nil {
				if err == nil {
					t.Fatal("Create succeeded")
				}
				if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Fatalf("error %v, want %v", err, tt.wantErr)
				}
				var ve *record.ValidationError
				if tt.wantKind != nil && !errors.As(err, &ve) {
					t.Fatalf("error %T %v, want *record.ValidationError", err, err)
				}
				if after, _ := s.Pending(ctx); after != pending {
					t.Fatalf("outbox grew from %d to %d on a failed create", pending, after)
				}
				return
			}
			if err != nil {
				t.Fatalf("Create: %v", err)
			}
			h := tt.rec.Header()
			if !validID(h.ID) || h.CreatedAt.IsZero() || h.Author != "tester" {
				t.Fatalf("meta not assigned: %+v", h)
			}
			if got := slices.Sorted(mapsKeys(h.Versions)); !slices.Equal(got, tt.versions) {
				t.Fatalf("versioned fields %v, want %v", got, tt.versions)
			}
			stored, err := s.Get(ctx, h.ID)
			if err != nil {
				t.Fatal(err)
			}
			if e, ok := stored.(*record.Enterprise); ok && (e.Stage != record.StageLead || e.Name != "宁波甬江电子有限公司") {
				t.Fatalf("stored %+v: want stage lead and trimmed name", e)
			}
			if c, ok := stored.(*record.Contact); ok && c.Mobile != "+8613800138000" {
				t.Fatalf("mobile stored as %q", c.Mobile)
			}
			chs, _ := s.Outbox(ctx, 0)
			last := chs[len(chs)-1]
			if last.RecordID != h.ID || last.Op != OpPut || len(last.Fields) != len(tt.versions) || !validID(last.MutationID) {
				t.Fatalf("outbox change %+v", last)
			}
		})
	}
	mustHealthy(t, s)
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestUpdateStampsOnlyChangedFields(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	e := &record.Enterprise{Name: "嘉兴秀洲光伏有限公司", Address: "嘉兴市秀洲区", Notes: "初次接触"}
	mustCreate(t, s, e)
	orig := e.Versions
	tests := []struct {
		name    string
		edit    func(e *record.Enterprise)
		changed []string // fields in the outbox change; nil = no write
	}{
		{"no-op edit writes nothing", func(e *record.Enterprise) {}, nil},
		{"whitespace only is a no-op", func(e *record.Enterprise) { e.Name = " 嘉兴秀洲光伏有限公司 " }, nil},
		{"one field", func(e *record.Enterprise) { e.Notes = "已走访" }, []string{"notes"}},
		{"clear a field and set another", func(e *record.Enterprise) { e.Address = ""; e.ShortName = "秀洲光伏" },
			[]string{"address", "short_name"}},
		{"stage move", func(e *record.Enterprise) { e.Stage = record.StageVisited }, []string{"stage"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur, err := s.Get(ctx, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			before, _ := s.Pending(ctx)
			edited := cur.(*record.Enterprise)
			tt.edit(edited)
			if err := s.Update(ctx, edited); err != nil {
				t.Fatalf("Update: %v", err)
			}
			chs, _ := s.Outbox(ctx, 0)
			if tt.changed == nil {
				if len(chs) != before {
					t.Fatalf("no-op wrote %d changes", len(chs)-before)
				}
				return
			}
			last := chs[len(chs)-1]
			if got := slices.Sorted(mapsKeysRaw(last.Fields)); !slices.Equal(got, tt.changed) {
				t.Fatalf("changed fields %v, want %v", got, tt.changed)
			}
			stored, _ := s.Get(ctx, e.ID)
			vs := stored.Header().Versions
			for f, v := range vs {
				if slices.Contains(tt.changed, f) != (v == last.Versions[f]) {
					t.Errorf("field %s version %s, change stamp %s", f, v, last.Versions[f])
				}
			}
			if vs["name"] != orig["name"] {
				t.Errorf("unchanged name re-stamped: %s → %s", orig["name"], vs["name"])
			}
		})
	}
	mustHealthy(t, s)
}

func mapsKeysRaw(m map[string]json.RawMessage) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestPatch(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	ent := mustCreate(t, s, newEnt("温州瓯海眼镜有限公司"))
	other := mustCreate(t, s, newEnt("丽水青田石雕有限公司"))
	task := &record.Task{EnterpriseID: ent, Title: "寄送资料", Due: "2026-12-01"}
	mustCreate(t, s, task)
	tests := []struct {
		name    string
		kind    record.Kind
		id      string
		fields  string
		wantErr string
		check   func(t *testing.T, r record.Record)
	}{
		{"set a field", record.KindEnterprise, ent, `{"notes":"约下周见面"}`, "", func(t *testing.T, r record.Record) {
			if r.(*record.Enterprise).Notes != "约下周见面" {
				t.Errorf("notes = %q", r.(*record.Enterprise).Notes)
			}
		}},
		{"null clears", record.KindEnterprise, ent, `{"notes":null}`, "", func(t *testing.T, r record.Record) {
			if r.(*record.Enterprise).Notes != "" {
				t.Errorf("notes = %q", r.(*record.Enterprise).Notes)
			}
		}},
		{"chinese stage is normalised", record.KindEnterprise, ent, `{"stage":"在谈"}`, "", func(t *testing.T, r record.Record) {
			if r.(*record.Enterprise).Stage != record.StageNegotiating {
				t.Errorf("stage = %q", r.(*record.Enterprise).Stage)
			}
		}},
		{"unknown field is named", record.KindEnterprise, ent, `{"nmae":"x"}`, `"nmae"`, nil},
		{"meta field is not patchable", record.KindEnterprise, ent, `{"id":"x"}`, `"id"`, nil},
		{"wrong type is named", record.KindEnterprise, ent, `{"employees":"many"}`, `"employees"`, nil},
		{"invalid result is rejected", record.KindEnterprise, ent, `{"name":""}`, "invalid enterprise", nil},
		{"move task to another enterprise", record.KindTask, task.ID, `{"enterprise_id":"` + other + `"}`, "", nil},
		{"move task to nowhere", record.KindTask, task.ID, `{"enterprise_id":"01JB0000000000000000000099"}`, ErrNoParent.Error(), nil},
		{"mark task done", record.KindTask, task.ID, `{"done":true}`, "", nil},
		{"missing record", record.KindTask, "01JB0000000000000000000099", `{"done":true}`, ErrNotFound.Error(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fields map[string]json.RawMessage
			if err := json.Unmarshal([]byte(tt.fields), &fields); err != nil {
				t.Fatal(err)
			}
			before, _ := s.Pending(ctx)
			got, err := s.Patch(ctx, tt.kind, tt.id, fields)
			after, _ := s.Pending(ctx)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %s", err, tt.wantErr)
				}
				if after != before {
					t.Fatal("failed patch wrote to the outbox")
				}
				return
			}
			if err != nil {
				t.Fatalf("Patch: %v", err)
			}
			if after != before+1 {
				t.Fatalf("outbox %d → %d, want one change", before, after)
			}
			if tt.check != nil {
				tt.check(t, got)
			}
		})
	}
	// The done task left the due index; the other is still listed.
	due, err := s.List(ctx, record.KindTask, ListOptions{DueBefore: "2026-12-31"})
	if err != nil || len(due) != 0 {
		t.Fatalf("open tasks after done = %v, %v", due, err)
	}
	mustHealthy(t, s)
}

func TestDeleteCascades(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	keep := mustCreate(t, s, newEnt("金华义乌小商品有限公司"))
	keepC := mustCreate(t, s, newContact(keep, "周敏", "13900139000"))
	ent := mustCreate(t, s, newEnt("衢州柯城氟硅有限公司"))
	kids := []record.Record{
		newContact(ent, "钱七", "13700137000"),
		&record.Visit{EnterpriseID: ent, Date: "2026-11-01"},
		&record.Project{EnterpriseID: ent, Name: "有机硅扩产"},
		&record.Task{EnterpriseID: ent, Title: "报环评", Due: "2026-12-20"},
	}
	for _, k := range kids {
		mustCreate(t, s, k)
	}
	tests := []struct {
		name    string
		id      string
		wantErr error
		gone    []string
		ops     int // delete changes written
	}{
		{"child alone", kids[1].Header().ID, nil, []string{kids[1].Header().ID}, 1},
		{"enterprise and its children", ent, nil, []string{ent, kids[0].Header().ID, kids[2].Header().ID, kids[3].Header().ID}, 4},
		{"already deleted", ent, ErrNotFound, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := s.Outbox(ctx, 0)
			err := s.Delete(ctx, tt.id)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Delete error %v, want %v", err, tt.wantErr)
			}
			after, _ := s.Outbox(ctx, 0)
			if len(after)-len(before) != tt.ops {
				t.Fatalf("delete wrote %d changes, want %d", len(after)-len(before), tt.ops)
			}
			for _, c := range after[len(before):] {
				if c.Op != OpDelete || c.Versions[DeletedField] == "" {
					t.Errorf("change %+v: want op delete with a stamp", c)
				}
			}
			for _, id := range tt.gone {
				if _, err := s.Get(ctx, id); !errors.Is(err, ErrNotFound) {
					t.Errorf("%s still there: %v", id, err)
				}
				if ts, ok, err := s.Tombstone(ctx, id); err != nil || !ok || ts.Stamp == "" {
					t.Errorf("tombstone of %s: %+v %v %v", id, ts, ok, err)
				}
			}
		})
	}
	for _, id := range []string{keep, keepC} {
		if _, err := s.Get(ctx, id); err != nil {
			t.Errorf("unrelated record %s: %v", id, err)
		}
	}
	mustHealthy(t, s)
}

func TestNilInputsAreErrors(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	tests := []struct {
		name string
		call func() error
	}{
		{"create nil", func() error { return s.Create(ctx, nil) }},
		{"create typed nil", func() error { return s.Create(ctx, (*record.Enterprise)(nil)) }},
		{"update typed nil", func() error { return s.Update(ctx, (*record.Task)(nil)) }},
		{"bulk with a nil", func() error { return s.BulkCreate(ctx, []record.Record{newEnt("甲乙"), nil}) }},
		{"duplicates of nil", func() error { _, err := s.FindDuplicates(ctx, nil, nil); return err }},
		{"patch unknown kind", func() error { _, err := s.Patch(ctx, "zone", "x", nil); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); err == nil {
				t.Fatal("no error")
			}
		})
	}
}
