package importer

import (
	"bytes"
	"context"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/search/searchtest"
	"github.com/shanhaifield/shanhai/spreadsheet"
)

// benchXLSX builds an n-row list of enterprises with one contact each, as
// a vendor export looks, with excelize's StreamWriter.
func benchXLSX(b *testing.B, n int) []byte {
	b.Helper()
	ents, people := searchtest.Enterprises(n, 1), searchtest.People(n, 2)
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	header := []any{"序号", "企业名称", "统一社会信用代码", "所属行业", "注册地址", "联系人", "职务", "手机号码", "员工人数"}
	if err := sw.SetRow("A1", header); err != nil {
		b.Fatal(err)
	}
	for i := range n {
		e, p := ents[i], people[i]
		row := []any{i + 1, e.Name, e.CreditCode, e.IndustryCode, e.Address, p.Name, p.Title, p.Mobile, strconv.Itoa(10 + i%500)}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// benchRows is the size of the benchmark import.
var benchRows = 100_000

// BenchmarkImport100k measures a 100 000-row xlsx import end to end:
// read the workbook, map, plan against the store and commit, into a fresh
// store each time. Target (issue 6): under 30 s.
func BenchmarkImport100k(b *testing.B) {
	n := benchRows
	data := benchXLSX(b, n)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		st := openStore(b)
		b.StartTimer()
		tabs, err := spreadsheet.ReadXLSX(bytes.NewReader(data), "")
		if err != nil {
			b.Fatal(err)
		}
		plan, err := Prepare(ctx, st, tabs, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if plan.Counts.New != n {
			b.Fatalf("counts %+v, first errors %v", plan.Counts, plan.Errors()[:min(3, len(plan.Errors()))])
		}
		if err := plan.Commit(ctx, st); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if c, _ := st.Count(ctx, record.KindContact); c != n {
			b.Fatalf("%d contacts", c)
		}
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n), "rows/op")
}
