package app

import (
	"context"
	"errors"
	"fmt"
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
}

func (f *fakeServices) List(_ context.Context, kind record.Kind, opts storage.ListOptions) ([]record.Record, error) {
	if f.err != nil {
		return nil, f.err
	}
	var out []record.Record
	for _, r := range f.records {
		if r.Kind() == kind && (opts.Limit == 0 || len(out) < opts.Limit) {
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
