package importer

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/spreadsheet"
	"github.com/shanhaifield/shanhai/storage"
)

func code(t testing.TB, first17 string) string {
	t.Helper()
	c, err := record.CreditCodeCheckChar(first17)
	if err != nil {
		t.Fatal(err)
	}
	return first17 + string(c)
}

func openStore(t testing.TB) *storage.Store {
	t.Helper()
	st, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), storage.FileName), storage.Options{Author: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// seed stores 上虞玩具有限公司 (with a credit code and contact 张三) and
// returns the code.
func seed(t testing.TB, st *storage.Store) string {
	t.Helper()
	ctx := context.Background()
	c := code(t, "91330604MA2BCDEF1")
	e := &record.Enterprise{Name: "上虞玩具有限公司", CreditCode: c, Address: "上虞区经济开发区"}
	if err := st.Create(ctx, e); err != nil {
		t.Fatal(err)
	}
	if err := st.Create(ctx, &record.Contact{EnterpriseID: e.ID, Name: "张三", Mobile: "+8613800138000"}); err != nil {
		t.Fatal(err)
	}
	if err := st.Create(ctx, &record.Enterprise{Name: "景宁教具有限公司", CreditCode: code(t, "91331127MA2XYW001")}); err != nil {
		t.Fatal(err)
	}
	return c
}

func table(rows ...[]string) spreadsheet.Table {
	t := spreadsheet.Table{Sheet: "名单"}
	for i, r := range rows {
		t.Rows = append(t.Rows, r)
		t.Nums = append(t.Nums, i+1)
	}
	return t
}

func TestPrepareAndCommit(t *testing.T) {
	ctx := context.Background()
	hdr := []string{"序号", "公司名称", "统一社会信用代码", "联系人", "职务", "手机号码", "员工人数", "用地（亩）", "注册地址"}
	tests := []struct {
		name       string
		rows       func(code string) [][]string
		want       Counts
		wantEnts   int
		wantCons   int
		wantProjs  int
		wantErrs   []string // "row column" of each reason
		wantReason string   // a reason must contain this
		check      func(t *testing.T, st *storage.Store)
	}{
		{
			name: "one new enterprise over two rows gets two contacts",
			rows: func(string) [][]string {
				return [][]string{
					{"1", "丽水新材料有限公司", "", "王五", "总经理", "138 0013 9000", "１２０", "", ""},
					{"2", " 丽水新材料有限公司 ", "", "赵六", "", "+86-139-0013-9000", "", "50亩", ""},
				}
			},
			want: Counts{Rows: 2, New: 2}, wantEnts: 3, wantCons: 3, wantProjs: 1,
		},
		{
			name: "match by lower-case credit code updates and keeps the contact",
			rows: func(c string) [][]string {
				return [][]string{
					{"1", "上虞玩具有限公司", strings.ToLower(c), "张三", "董事长", "138-0013-8000", "350", "", "上虞区经济开发区"},
					{"2", "上虞玩具有限公司", c, "张三", "董事长", "13800138000", "350", "", ""},
				}
			},
			want: Counts{Rows: 2, Updated: 1, Unchanged: 1}, wantEnts: 2, wantCons: 1,
			check: func(t *testing.T, st *storage.Store) {
				list, _ := st.List(ctx, record.KindContact, storage.ListOptions{})
				if c := list[0].(*record.Contact); c.Title != "董事长" {
					t.Errorf("contact title = %q, want 董事长", c.Title)
				}
				ents, _ := st.List(ctx, record.KindEnterprise, storage.ListOptions{})
				for _, r := range ents {
					if e := r.(*record.Enterprise); e.Name == "上虞玩具有限公司" && (e.Employees == nil || *e.Employees != 350) {
						t.Errorf("employees = %v, want 350", e.Employees)
					}
				}
			},
		},
		{
			name: "match by normalised name adds a contact",
			rows: func(string) [][]string {
				return [][]string{{"1", "浙江上虞玩具有限公司", "", "李四", "", "", "", "", ""}}
			},
			want: Counts{Rows: 1, Updated: 1}, wantEnts: 2, wantCons: 2,
		},
		{
			name: "same name, different credit code is another company",
			rows: func(string) [][]string {
				return [][]string{{"1", "绍兴上虞玩具有限公司", code(t, "91330604MA2BCDEF2"), "", "", "", "", "", ""}}
			},
			want: Counts{Rows: 1, New: 1}, wantEnts: 3, wantCons: 1,
		},
		{
			name: "a name that matches two enterprises is ambiguous",
			rows: func(string) [][]string {
				return [][]string{
					{"1", "宁波示例科技有限公司", code(t, "91330200MA2AAAAA1"), "", "", "", "", "", ""},
					{"2", "杭州示例科技有限公司", code(t, "91330100MA2AAAAA2"), "", "", "", "", "", ""},
					{"3", "温州示例科技有限公司", "", "", "", "", "", "", ""},
				}
			},
			want: Counts{Rows: 3, New: 2, Duplicate: 1}, wantEnts: 4, wantCons: 1,
			wantErrs: []string{"3 公司名称"}, wantReason: "",
		},
		{
			name: "code of one, name of another is a duplicate suspect",
			rows: func(c string) [][]string {
				return [][]string{{"1", "景宁教具有限公司", c, "", "", "", "", "", ""}}
			},
			want: Counts{Rows: 1, Duplicate: 1}, wantEnts: 2, wantCons: 1,
			wantErrs: []string{"1 统一社会信用代码"}, wantReason: "疑似重复",
		},
		{
			name: "invalid rows are reported by column and nothing of them stored",
			rows: func(string) [][]string {
				return [][]string{
					{"1", "好公司有限公司", "", "钱七", "", "12345", "", "", ""},
					{"2", "坏人数有限公司", "", "", "", "", "很多", "", ""},
					{"3", "", "", "孙八", "", "", "", "", ""},
					{"4", "", "", "", "", "", "", "", ""},
				}
			},
			want: Counts{Rows: 3, Invalid: 3}, wantEnts: 2, wantCons: 1,
			wantErrs: []string{"1 手机号码", "2 员工人数", "3 企业名称"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := openStore(t)
			c := seed(t, st)
			plan, err := Prepare(ctx, st, []spreadsheet.Table{table(append([][]string{hdr}, tt.rows(c)...)...)}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if plan.Counts != tt.want {
				t.Errorf("counts = %+v, want %+v", plan.Counts, tt.want)
			}
			var got []string
			for _, e := range plan.Errors() {
				got = append(got, strings.TrimSpace(strings.Join([]string{itoa(e.Row - 1), e.Column}, " ")))
				if !strings.Contains(e.Zh, tt.wantReason) {
					t.Errorf("reason %q does not say %q", e.Zh, tt.wantReason)
				}
				if e.Sheet != "名单" || e.En == "" {
					t.Errorf("reason without sheet or English: %+v", e)
				}
			}
			if !slices.Equal(got, tt.wantErrs) {
				t.Errorf("errors at %q, want %q (%+v)", got, tt.wantErrs, plan.Errors())
			}
			if err := plan.Commit(ctx, st); err != nil {
				t.Fatal(err)
			}
			for k, want := range map[record.Kind]int{record.KindEnterprise: tt.wantEnts, record.KindContact: tt.wantCons, record.KindProject: tt.wantProjs} {
				if n, _ := st.Count(ctx, k); n != want {
					t.Errorf("%s count = %d, want %d", k, n, want)
				}
			}
			if tt.check != nil {
				tt.check(t, st)
			}
			// Importing the same file again changes nothing.
			again, err := Prepare(ctx, st, []spreadsheet.Table{table(append([][]string{hdr}, tt.rows(c)...)...)}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(again.creates) != 0 || len(again.patches) != 0 || again.Counts.New+again.Counts.Updated != 0 {
				t.Errorf("second import would write: %+v, creates %d, patches %d", again.Counts, len(again.creates), len(again.patches))
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestHeaderFoundBelowTitle(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	tab := table(
		[]string{"2026年第四季度重点招商企业名单"},
		[]string{"填报单位：上虞经开区", "", ""},
		[]string{"企业名称 *", "联系电话", "营业收入（万元）"},
		[]string{"甲乙丙有限公司", "138 0013 7000", "1,200.5"},
	)
	plan, err := Prepare(ctx, st, []spreadsheet.Table{tab}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Sheets[0].HeaderRow != 3 || plan.Counts != (Counts{Rows: 1, New: 1}) {
		t.Fatalf("header row %d, counts %+v, errors %v", plan.Sheets[0].HeaderRow, plan.Counts, plan.Errors())
	}
	if err := plan.Commit(ctx, st); err != nil {
		t.Fatal(err)
	}
	ents, _ := st.List(ctx, record.KindEnterprise, storage.ListOptions{})
	e := ents[0].(*record.Enterprise)
	if e.RevenueWan == nil || *e.RevenueWan != 1200.5 {
		t.Errorf("revenue = %v, want 1200.5", e.RevenueWan)
	}
	cons, _ := st.List(ctx, record.KindContact, storage.ListOptions{})
	if len(cons) != 0 {
		t.Errorf("a phone without a contact name made a contact")
	}
}

func TestMappingOverrides(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	m, err := ReadMapping(strings.NewReader(`{"columns": {"客户": "enterprise.name", "序号": "", "手机": "contact.phone"}}`))
	if err != nil {
		t.Fatal(err)
	}
	tab := table([]string{"填表说明"}, []string{"客户", "联系人", "手机"}, []string{"某某科技有限公司", "周九", "0578-8123456"}, []string{"某某二科技有限公司", "", "0578-8123457"})
	plan, err := Prepare(ctx, st, []spreadsheet.Table{tab}, Options{Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Counts != (Counts{Rows: 2, New: 1, Invalid: 1}) || plan.Sheets[0].HeaderRow != 2 {
		t.Fatalf("header row %d, counts %+v errors %v", plan.Sheets[0].HeaderRow, plan.Counts, plan.Errors())
	}
	if e := plan.Errors()[0]; e.Row != 4 || e.Column != "联系人" {
		t.Errorf("a contact without a name is reported at %d %q, want row 4 column 联系人", e.Row, e.Column)
	}
	var buf bytes.Buffer
	if err := MappingOf(plan.Sheets).Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadMapping(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if back.Columns["客户"] != "enterprise.name" || back.Columns["手机"] != "contact.phone" {
		t.Errorf("saved mapping = %v", back.Columns)
	}
	if _, err := ReadMapping(strings.NewReader(`{"columns": {"x": "enterprise.nope"}}`)); err == nil {
		t.Error("a mapping to an unknown field was accepted")
	}
}

func TestSynonymsParse(t *testing.T) {
	for s := range synonyms {
		if _, err := ParseTarget(s); err != nil {
			t.Errorf("synonym target %s: %v", s, err)
		}
	}
}

func TestWriteErrorsReimports(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	tab := table([]string{"企业名称", "联系人", "手机"}, []string{"好有限公司", "甲", "13800138000"}, []string{"坏有限公司", "乙", "123"})
	plan, err := Prepare(ctx, st, []spreadsheet.Table{tab}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteErrors(&buf, plan); err != nil {
		t.Fatal(err)
	}
	tabs, err := spreadsheet.ReadXLSX(bytes.NewReader(buf.Bytes()), "")
	if err != nil {
		t.Fatal(err)
	}
	rows := tabs[0].Rows
	if len(rows) != 2 || rows[0][3] != ReasonHeader || rows[1][0] != "坏有限公司" || !strings.Contains(rows[1][3], "列「手机」") || rows[1][4] != "3" {
		t.Fatalf("error workbook = %q", rows)
	}
	rows[1][2] = "13800138001" // the user fixes the cell
	fixed, err := Prepare(ctx, st, tabs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if fixed.Counts != (Counts{Rows: 1, New: 1}) {
		t.Errorf("fixed file counts %+v, errors %v", fixed.Counts, fixed.Errors())
	}
}

// TestFailedCommitLeavesStore: when the store changes between planning and
// commit (here the enterprise a row updates is deleted), the commit fails
// and none of the import's other writes land.
func TestFailedCommitLeavesStore(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	c := seed(t, st)
	tab := table([]string{"企业名称", "统一社会信用代码", "地址"},
		[]string{"全新有限公司", "", "丽水"},
		[]string{"上虞玩具有限公司", c, "新地址"})
	plan, err := Prepare(ctx, st, []spreadsheet.Table{tab}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Counts != (Counts{Rows: 2, New: 1, Updated: 1}) {
		t.Fatalf("counts %+v", plan.Counts)
	}
	ents, _ := st.List(ctx, record.KindEnterprise, storage.ListOptions{})
	for _, r := range ents {
		if r.(*record.Enterprise).CreditCode == c {
			if err := st.Delete(ctx, r.Header().ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	before, _ := st.Pending(ctx)
	if err := plan.Commit(ctx, st); err == nil {
		t.Fatal("commit over a deleted enterprise succeeded")
	}
	if n, _ := st.Count(ctx, record.KindEnterprise); n != 1 {
		t.Errorf("%d enterprises after a failed commit, want 1", n)
	}
	if after, _ := st.Pending(ctx); after != before {
		t.Errorf("outbox grew from %d to %d", before, after)
	}
}

// TestTargetsAreTheImportableFields: the mapping editor's choices are
// exactly what ParseTarget accepts, enterprise fields first.
func TestTargetsAreTheImportableFields(t *testing.T) {
	ts := Targets()
	if len(ts) == 0 || ts[0].Kind != record.KindEnterprise {
		t.Fatalf("Targets() = %v, want enterprise fields first", ts)
	}
	if len(ts) != len(targetTypes()) {
		t.Fatalf("%d targets, %d importable fields", len(ts), len(targetTypes()))
	}
	for _, tg := range ts {
		if _, err := ParseTarget(tg.String()); err != nil {
			t.Errorf("target %s is not accepted: %v", tg, err)
		}
		if tg.Field == "enterprise_id" {
			t.Errorf("parent link %s offered", tg)
		}
	}
}
