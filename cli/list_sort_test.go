package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestListSort(t *testing.T) {
	dir := t.TempDir()
	for _, e := range []struct{ name, stage string }{{"乙公司", "签约"}, {"甲公司", "线索"}, {"丙公司", "走访"}} {
		mustRun(t, dir, "", "add", "enterprise", "--name", e.name, "--stage", e.stage)
	}
	order := func(args ...string) []string {
		t.Helper()
		var listed []map[string]any
		out := mustRun(t, dir, "", append([]string{"list", "--json"}, args...)...)
		if err := json.Unmarshal([]byte(out), &listed); err != nil {
			t.Fatalf("list %v printed %q: %v", args, out, err)
		}
		var names []string
		for _, r := range listed {
			names = append(names, r["name"].(string))
		}
		return names
	}
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"--sort", "name"}, []string{"丙公司", "乙公司", "甲公司"}}, // code point order: 丙 U+4E19 < 乙 U+4E59 < 甲 U+7532
		{[]string{"--sort", "stage"}, []string{"甲公司", "丙公司", "乙公司"}},
		{[]string{"--sort", "updated", "--limit", "1"}, []string{"丙公司"}},
	}
	// The default is ID order. Three adds can share a millisecond, and
	// ULIDs made by separate opens order randomly within one, so check
	// the IDs rather than the order the names were added in.
	var listed []struct{ ID string }
	if err := json.Unmarshal([]byte(mustRun(t, dir, "", "list", "--json")), &listed); err != nil {
		t.Fatal(err)
	}
	if len(listed) != 3 || !slices.IsSortedFunc(listed, func(a, b struct{ ID string }) int { return strings.Compare(a.ID, b.ID) }) {
		t.Errorf("default list is not in ID order: %+v", listed)
	}
	for _, tt := range tests {
		if got := order(tt.args...); !slices.Equal(got, tt.want) {
			t.Errorf("list %v = %v, want %v", tt.args, got, tt.want)
		}
	}
	for _, args := range [][]string{{"list", "--sort", "size"}, {"list", "task", "--sort", "name"}} {
		r := run(t, dir, "", args...)
		if r.code != ExitUsage || !strings.Contains(r.err, "--sort") {
			t.Errorf("shanhai %v: exit %d, stderr %q; want a usage error naming --sort", args, r.code, r.err)
		}
	}
}
