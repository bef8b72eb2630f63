package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/industry"
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// enterpriseFilter is the part of the list filter the store has no index
// for, so it is applied to each loaded page: industry 大类, zone, and
// whether the enterprise has follow-ups due.
type enterpriseFilter struct {
	industry string          // GB/T 4754 大类 code ("36"); "" for any
	zone     string          // zone ID; "" for any
	due      map[string]bool // enterprise IDs with open tasks due; nil for any
}

func (f enterpriseFilter) active() bool {
	return f.industry != "" || f.zone != "" || f.due != nil
}

// keep reports whether r passes the filter. A 大类 matches the 中类 and
// 小类 codes under it by prefix, as GB/T 4754 codes nest by digits.
func (f enterpriseFilter) keep(r enterpriseRow) bool {
	switch {
	case f.industry != "" && !strings.HasPrefix(r.industry, f.industry):
		return false
	case f.zone != "" && r.zone != f.zone:
		return false
	case f.due != nil && !f.due[r.id]:
		return false
	}
	return true
}

func (f enterpriseFilter) apply(rows []enterpriseRow) []enterpriseRow {
	if !f.active() {
		return rows
	}
	out := rows[:0:0]
	for _, r := range rows {
		if f.keep(r) {
			out = append(out, r)
		}
	}
	return out
}

// dueEnterprises returns the IDs of enterprises with open tasks due on or
// before today, through the store's due index.
func dueEnterprises(ctx context.Context, svc Services, today time.Time) (map[string]bool, error) {
	recs, err := svc.List(ctx, record.KindTask, storage.ListOptions{DueBefore: today.Format(time.DateOnly)})
	if err != nil {
		return nil, fmt.Errorf("list tasks due by %s: %w", today.Format(time.DateOnly), err)
	}
	ids := map[string]bool{}
	for _, r := range recs {
		if t, ok := r.(*record.Task); ok && !t.Done {
			ids[t.EnterpriseID] = true
		}
	}
	return ids, nil
}

// filterChoice is one option of a filter Select: its label and the value
// it filters by ("" for the "all" option, which comes first).
type filterChoice struct{ label, value string }

// industryChoices lists the 大类 of the industry table, "36 汽车制造业".
func industryChoices(t *industry.Table) []filterChoice {
	out := []filterChoice{{lang.X("enterprises.all_industries", "全部行业"), ""}}
	if t == nil {
		return out
	}
	for _, c := range t.All() {
		if c.Level == industry.Division {
			out = append(out, filterChoice{c.Code + " " + industryLabel(c), c.Code})
		}
	}
	return out
}

// zoneChoices lists the rule pack's zones by short name.
func zoneChoices(ref *reference) []filterChoice {
	out := []filterChoice{{lang.X("enterprises.all_zones", "全部开发区"), ""}}
	if ref == nil || ref.pack == nil {
		return out
	}
	for _, z := range ref.pack.Zones() {
		out = append(out, filterChoice{z.ShortNameIn(englishUI()), z.ID})
	}
	return out
}

// setChoices fills sel with choices, selects the first, and calls pick
// with the value of each later selection.
func setChoices(sel *widget.Select, choices []filterChoice, pick func(value string)) {
	labels := make([]string, len(choices))
	for i, c := range choices {
		labels[i] = c.label
	}
	sel.OnChanged = nil
	sel.SetOptions(labels)
	sel.SetSelectedIndex(0)
	sel.OnChanged = func(string) {
		if i := sel.SelectedIndex(); i >= 0 && i < len(choices) {
			pick(choices[i].value)
		}
	}
}

// prefEnterpriseSort is the preference that remembers the list's order.
const prefEnterpriseSort = "enterprises.sort"

// sortChoices lists the orders of the enterprise list, creation order
// first.
func sortChoices() []filterChoice {
	return []filterChoice{
		{lang.X("enterprises.sort.id", "按创建顺序"), string(storage.SortID)},
		{lang.X("enterprises.sort.name", "按名称"), string(storage.SortName)},
		{lang.X("enterprises.sort.updated", "最近修改在前"), string(storage.SortUpdated)},
		{lang.X("enterprises.sort.stage", "按阶段"), string(storage.SortStage)},
		{lang.X("enterprises.sort.due", "待办最早在前"), string(storage.SortDue)},
	}
}

// useSortPreference fills the sort Select, restores the order saved in
// prefs (an unknown saved value falls back to creation order) and saves
// each later choice there.
func (s *enterpriseScreen) useSortPreference(prefs fyne.Preferences) {
	choices := sortChoices()
	setChoices(s.sorts, choices, func(value string) {
		s.sort = storage.Sort(value)
		if prefs != nil {
			prefs.SetString(prefEnterpriseSort, value)
		}
		s.reload()
	})
	s.sort = storage.SortID
	if prefs == nil {
		return
	}
	saved, err := storage.ParseSort(prefs.String(prefEnterpriseSort))
	if err != nil {
		return
	}
	for i, c := range choices {
		if c.value == string(saved) {
			s.sort = saved
			cb := s.sorts.OnChanged
			s.sorts.OnChanged = nil
			s.sorts.SetSelectedIndex(i)
			s.sorts.OnChanged = cb
		}
	}
}

// listSortedPage is listPage in the given order: the cursor is then the
// last enterprise of the previous page in that order.
func listSortedPage(ctx context.Context, svc Services, stage record.Stage, order storage.Sort, after string) ([]enterpriseRow, string, error) {
	recs, err := svc.List(ctx, record.KindEnterprise, storage.ListOptions{Limit: pageSize, After: after, Stage: stage, Sort: order})
	if err != nil {
		return nil, "", fmt.Errorf("list enterprises (sort %q) after %q: %w", order, after, err)
	}
	rows := make([]enterpriseRow, 0, len(recs))
	for _, r := range recs {
		if e, ok := r.(*record.Enterprise); ok {
			rows = append(rows, newEnterpriseRow(e, ""))
		}
	}
	next := ""
	if len(recs) == pageSize {
		next = recs[len(recs)-1].Header().ID
	}
	return rows, next, nil
}

// industryLabel is an industry's name in the interface language: the
// English of a 门类 or 大类 in the English interface, else the Chinese
// (中类 and 小类 have no English names yet).
func industryLabel(c industry.Code) string {
	if englishUI() {
		if en, ok := industry.EnglishName(c.Code); ok {
			return en
		}
	}
	return c.Name
}
