package app

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2/lang"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// enterpriseRow is one line of the enterprise list, already in words.
type enterpriseRow struct {
	id     string
	name   string
	stage  string
	region string
	match  string // why a search found it, when not by the enterprise itself

	industry string // GB/T 4754 code, for the industry filter
	zone     string // zone ID, for the zone filter
}

func newEnterpriseRow(e *record.Enterprise, match string) enterpriseRow {
	return enterpriseRow{id: e.ID, name: e.Name, stage: stageLabel(e.Stage), region: regionLabel(e.RegionCode), match: match,
		industry: e.IndustryCode, zone: e.ZoneID}
}

// loadEnterpriseRows returns the enterprises to list: the first page of
// them for an empty query, else the search hits in rank order, with
// a hit on a contact or other child shown as its enterprise, once.
func loadEnterpriseRows(ctx context.Context, svc Services, query string) ([]enterpriseRow, error) {
	return loadFilteredRows(ctx, svc, query, "")
}

// loadFilteredRows is loadEnterpriseRows limited to one stage when stage
// is set: through the stage index without a query, else by dropping hits
// in other stages.
func loadFilteredRows(ctx context.Context, svc Services, query string, stage record.Stage) ([]enterpriseRow, error) {
	if query == "" {
		rows, _, err := listPage(ctx, svc, stage, "")
		return rows, err
	}
	hits, err := svc.Search(ctx, query, searchLimit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	var rows []enterpriseRow
	seen := map[string]bool{}
	for _, h := range hits {
		e, match, err := hitEnterprise(ctx, svc, h)
		if errors.Is(err, storage.ErrNotFound) {
			continue // deleted since it was indexed
		}
		if err != nil {
			return nil, err
		}
		if e == nil || seen[e.ID] || (stage != "" && e.Stage != stage) {
			continue
		}
		seen[e.ID] = true
		rows = append(rows, newEnterpriseRow(e, match))
	}
	return rows, nil
}

// listPage returns up to pageSize enterprises (of one stage when stage is
// set) with IDs after the cursor, and the cursor for the next page: ""
// when this page is the last.
func listPage(ctx context.Context, svc Services, stage record.Stage, after string) ([]enterpriseRow, string, error) {
	return listSortedPage(ctx, svc, stage, storage.SortID, after)
}

// hitEnterprise returns the enterprise a search hit belongs to, and for a
// hit on a child record a note saying what matched.
func hitEnterprise(ctx context.Context, svc Services, h storage.Hit) (*record.Enterprise, string, error) {
	rec, err := svc.Get(ctx, h.ID)
	if err != nil {
		return nil, "", fmt.Errorf("get search hit %s %s: %w", h.Kind, h.ID, err)
	}
	if e, ok := rec.(*record.Enterprise); ok {
		return e, "", nil
	}
	child, ok := rec.(record.Child)
	if !ok {
		return nil, "", nil
	}
	parent, err := svc.Get(ctx, child.Parent())
	if err != nil {
		return nil, "", fmt.Errorf("get enterprise %s of %s %s: %w", child.Parent(), h.Kind, h.ID, err)
	}
	e, ok := parent.(*record.Enterprise)
	if !ok {
		return nil, "", nil
	}
	match := lang.X("enterprises.match", "{{.Kind}}：{{.Title}}", map[string]any{"Kind": kindLabel(h.Kind), "Title": h.Title})
	return e, match, nil
}
