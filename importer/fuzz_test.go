package importer

import (
	"context"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/spreadsheet"
)

// FuzzMap feeds arbitrary tables (rows split on newlines, cells on tabs)
// through header detection, mapping and planning: no panic, and the
// counts always add up.
func FuzzMap(f *testing.F) {
	f.Add("企业名称\t手机\t联系人\n甲有限公司\t138 0013 8000\t张三\n", "")
	f.Add("标题\n\n公司名称\t员工人数\t用地（亩）\n乙\t１２０\t5亩\n乙\tabc\t\n", `{"columns":{"员工人数":"enterprise.employees"}}`)
	f.Add("统一社会信用代码\t标签\n91330604ma2bcdef1x\ta、b；c\n", `{"columns":{"标签":""}}`)
	st := openStore(f)
	seed(f, st)
	f.Fuzz(func(t *testing.T, text, mapping string) {
		var tab spreadsheet.Table
		for i, line := range strings.Split(text, "\n") {
			tab.Rows = append(tab.Rows, strings.Split(line, "\t"))
			tab.Nums = append(tab.Nums, i+1)
		}
		var m *Mapping
		if mapping != "" {
			m, _ = ReadMapping(strings.NewReader(mapping))
		}
		plan, err := Prepare(context.Background(), st, []spreadsheet.Table{tab}, Options{Mapping: m})
		if err != nil {
			t.Fatal(err)
		}
		c := plan.Counts
		if c.Rows != c.New+c.Updated+c.Unchanged+c.Duplicate+c.Invalid {
			t.Fatalf("counts do not add up: %+v", c)
		}
		if len(plan.Errors()) < c.Duplicate+c.Invalid {
			t.Fatalf("%d reasons for %d rejected rows", len(plan.Errors()), c.Duplicate+c.Invalid)
		}
	})
}
