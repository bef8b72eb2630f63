package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// fakeServices is an in-memory Services for UI tests: records in insertion
// order, a substring search over enterprise and contact names, and an
// error to return from every call when err is set.
type fakeServices struct {
	records []record.Record
	pending int
	err     error
	seq     int // last fake ID handed out by Create
}

func (f *fakeServices) List(_ context.Context, kind record.Kind, opts storage.ListOptions) ([]record.Record, error) {
	if f.err != nil {
		return nil, f.err
	}
	var out []record.Record
	for _, r := range f.records {
		if r.Kind() == kind && matchesList(r, opts) && (opts.Limit == 0 || len(out) < opts.Limit) {
			out = append(out, r)
		}
	}
	return out, nil
}

func (f *fakeServices) Search(_ context.Context, q string, limit int) ([]storage.Hit, error) {
	if f.err != nil {
		return nil, f.err
	}
	var hits []storage.Hit
	for _, r := range f.records {
		var title string
		switch v := r.(type) {
		case *record.Enterprise:
			if strings.Contains(v.Name, q) || strings.Contains(v.ShortName, q) {
				title = v.Name
			}
		case *record.Contact:
			if strings.Contains(v.Name, q) {
				title = v.Name
			}
		}
		if title != "" && len(hits) < limit {
			hits = append(hits, storage.Hit{Kind: r.Kind(), ID: r.Header().ID, Title: title})
		}
	}
	return hits, nil
}

func (f *fakeServices) Get(_ context.Context, id string) (record.Record, error) {
	if f.err != nil {
		return nil, f.err
	}
	for _, r := range f.records {
		if r.Header().ID == id {
			return r, nil
		}
	}
	return nil, fmt.Errorf("get %s: %w", id, storage.ErrNotFound)
}

func (f *fakeServices) Count(_ context.Context, kind record.Kind) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	n := 0
	for _, r := range f.records {
		if r.Kind() == kind {
			n++
		}
	}
	return n, nil
}

func (f *fakeServices) Pending(context.Context) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	return f.pending, nil
}

var errStoreBroken = errors.New("store is broken")

func enterprise(id, name, short string, stage record.Stage, region string) *record.Enterprise {
	return &record.Enterprise{Meta: record.Meta{ID: id}, Name: name, ShortName: short, Stage: stage, RegionCode: region}
}

// sampleServices holds three example enterprises (invented names) and a
// contact of the second one.
func sampleServices() *fakeServices {
	return &fakeServices{
		pending: 2,
		records: []record.Record{
			enterprise("E1", "浙江青山新材料有限公司", "青山新材", record.StageLead, "330604"),
			enterprise("E2", "绍兴海川智能装备有限公司", "海川智能", record.StageNegotiating, "330600"),
			enterprise("E3", "宁波东港物流有限公司", "", record.StageSigned, ""),
			&record.Contact{Meta: record.Meta{ID: "C1"}, EnterpriseID: "E2", Name: "王建国"},
		},
	}
}

// Create validates like the store and appends the record with the next
// fake ID ("N1", "N2", …).
func (f *fakeServices) Create(_ context.Context, rec record.Record) error {
	if f.err != nil {
		return f.err
	}
	record.Normalize(rec)
	if ps := rec.Validate().Errors(); len(ps) > 0 {
		return &record.ValidationError{Kind: rec.Kind(), Problems: ps}
	}
	f.seq++
	rec.Header().ID = fmt.Sprintf("N%d", f.seq)
	rec.Header().Author = "测试"
	f.records = append(f.records, rec)
	return nil
}

func (f *fakeServices) Update(_ context.Context, rec record.Record) error {
	if f.err != nil {
		return f.err
	}
	record.Normalize(rec)
	if ps := rec.Validate().Errors(); len(ps) > 0 {
		return &record.ValidationError{Kind: rec.Kind(), Problems: ps}
	}
	for i, r := range f.records {
		if r.Header().ID == rec.Header().ID {
			f.records[i] = rec
			return nil
		}
	}
	return fmt.Errorf("update %s: %w", rec.Header().ID, storage.ErrNotFound)
}

// Patch merges fields into the record's JSON form, as the store does.
func (f *fakeServices) Patch(ctx context.Context, kind record.Kind, id string, fields map[string]json.RawMessage) (record.Record, error) {
	old, err := f.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(old)
	if err != nil {
		return nil, err
	}
	m := map[string]json.RawMessage{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	maps.Copy(m, fields)
	b, _ = json.Marshal(m)
	cur := record.New(kind)
	if err := json.Unmarshal(b, cur); err != nil {
		return nil, err
	}
	return cur, f.Update(ctx, cur)
}

// FindDuplicates reports stored enterprises with the same name.
func (f *fakeServices) FindDuplicates(_ context.Context, e *record.Enterprise, _ []string) ([]storage.Duplicate, error) {
	if f.err != nil {
		return nil, f.err
	}
	var out []storage.Duplicate
	for _, r := range f.records {
		if o, ok := r.(*record.Enterprise); ok && o.ID != e.ID && o.Name == e.Name {
			out = append(out, storage.Duplicate{ID: o.ID, Name: o.Name, Reason: "name", Zh: "名称相同"})
		}
	}
	return out, nil
}

// Refer creates the referral and marks its enterprise referred.
func (f *fakeServices) Refer(ctx context.Context, ref *record.Referral) error {
	rec, err := f.Get(ctx, ref.EnterpriseID)
	if err != nil {
		return err
	}
	if err := f.Create(ctx, ref); err != nil {
		return err
	}
	e := rec.(*record.Enterprise)
	e.Stage, e.CloseReason = record.StageReferred, ref.Reason
	return nil
}

// matchesList applies the ListOptions filters the store implements.
func matchesList(r record.Record, opts storage.ListOptions) bool {
	if opts.After != "" && r.Header().ID <= opts.After {
		return false
	}
	if c, ok := r.(record.Child); ok && opts.Enterprise != "" && c.Parent() != opts.Enterprise {
		return false
	}
	if e, ok := r.(*record.Enterprise); ok && opts.Stage != "" && e.Stage != opts.Stage {
		return false
	}
	if t, ok := r.(*record.Task); ok && opts.DueBefore != "" && (t.Done || t.Due > opts.DueBefore) {
		return false
	}
	return true
}
