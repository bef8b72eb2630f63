package app

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// TestEnterpriseSort picks each order in the sort Select over a real
// store (invented names), checks the rows, that the choice is saved, and
// that a new screen restores it from the preferences.
func TestEnterpriseSort(t *testing.T) {
	ctx := context.Background()
	store := openStore(t)
	for _, e := range []*record.Enterprise{
		{Name: "乙示例有限公司", Stage: record.StageSigned},
		{Name: "甲示例有限公司", Stage: record.StageLead},
		{Name: "丙示例有限公司", Stage: record.StageVisited},
	} {
		if err := store.Create(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	a := test.NewTempApp(t)
	s := newEnterpriseScreen(ctx, store, nil)
	s.spawn = func(f func()) { f() }
	s.useSortPreference(a.Preferences())
	s.reload()
	if s.sorts.Selected != "按创建顺序" {
		t.Fatalf("default sort %q, want 按创建顺序", s.sorts.Selected)
	}
	rowNames := func() []string {
		var out []string
		for _, r := range s.rows {
			out = append(out, r.name)
		}
		return out
	}
	tests := []struct {
		option, saved string
		want          []string
	}{
		{"按名称", "name", []string{"丙示例有限公司", "乙示例有限公司", "甲示例有限公司"}},
		{"按阶段", "stage", []string{"甲示例有限公司", "丙示例有限公司", "乙示例有限公司"}},
		{"最近修改在前", "updated", []string{"丙示例有限公司", "甲示例有限公司", "乙示例有限公司"}},
		{"按创建顺序", "", []string{"乙示例有限公司", "甲示例有限公司", "丙示例有限公司"}},
	}
	for _, tt := range tests {
		test.Tap(s.sorts)
		s.sorts.SetSelected(tt.option)
		if got := rowNames(); !slices.Equal(got, tt.want) {
			t.Errorf("%s: rows %v, want %v", tt.option, got, tt.want)
		}
		if got := a.Preferences().String(prefEnterpriseSort); got != tt.saved {
			t.Errorf("%s: saved %q, want %q", tt.option, got, tt.saved)
		}
	}
	s.sorts.SetSelected("按阶段")
	again := newEnterpriseScreen(ctx, store, nil)
	again.useSortPreference(a.Preferences())
	if again.sorts.Selected != "按阶段" || again.sort != storage.SortStage {
		t.Errorf("restored sort %q (%q), want 按阶段", again.sorts.Selected, again.sort)
	}
	a.Preferences().SetString(prefEnterpriseSort, "size")
	again.useSortPreference(a.Preferences())
	if again.sorts.Selected != "按创建顺序" || again.sort != storage.SortID {
		t.Errorf("an unknown saved sort gave %q (%q), want creation order", again.sorts.Selected, again.sort)
	}
}
