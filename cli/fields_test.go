package cli

import (
	"flag"
	"reflect"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

// TestParseText: typed text becomes the field's JSON value, or a problem.
func TestParseText(t *testing.T) {
	tests := []struct {
		kind  record.Kind
		field string
		text  string
		want  string // JSON; "" when a problem is expected
	}{
		{record.KindEnterprise, "name", "浙江四联玩具有限公司", `"浙江四联玩具有限公司"`},
		{record.KindEnterprise, "employees", "350", `350`},
		{record.KindEnterprise, "employees", "１，２００", `1200`},
		{record.KindEnterprise, "employees", " 1,200 ", `1200`},
		{record.KindEnterprise, "employees", "", `null`},
		{record.KindEnterprise, "employees", "3.5", ``},
		{record.KindEnterprise, "employees", "abc", ``},
		{record.KindEnterprise, "revenue_wan", "12000.5", `12000.5`},
		{record.KindEnterprise, "revenue_wan", "NaN", ``},
		{record.KindEnterprise, "revenue_wan", "Inf", ``},
		{record.KindEnterprise, "stage", "在谈", `"negotiating"`},
		{record.KindEnterprise, "stage", "lead", `"lead"`},
		{record.KindEnterprise, "stage", "maybe", ``},
		{record.KindEnterprise, "tags", "玩具、教具，益智,  木制 ", `["玩具","教具","益智","木制"]`},
		{record.KindEnterprise, "tags", `["a,b","c"]`, `["a,b","c"]`},
		{record.KindEnterprise, "tags", " , 、", `null`},
		{record.KindEnterprise, "credit_code_confirmed", "是", `true`},
		{record.KindEnterprise, "credit_code_confirmed", "false", `false`},
		{record.KindEnterprise, "credit_code_confirmed", "perhaps", ``},
		{record.KindEnterprise, "created_at", "2026-11-26T08:00:00+08:00", `"2026-11-26T08:00:00+08:00"`},
		{record.KindEnterprise, "created_at", "yesterday", ``},
		{record.KindEnterprise, "versions", `{"name":"x"}`, `{"name":"x"}`},
		{record.KindEnterprise, "versions", `[1]`, ``},
		{record.KindScreening, "inputs", `{"a": [1, 2]}`, `{"a": [1, 2]}`},
		{record.KindScreening, "inputs", `{"a":`, ``},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind)+"/"+tt.field+"/"+tt.text, func(t *testing.T) {
			f, ok := fieldByName(tt.kind, tt.field)
			if !ok {
				t.Fatalf("no field %s in %s", tt.field, tt.kind)
			}
			got, p := parseText(f, tt.text)
			switch {
			case tt.want == "" && p == nil:
				t.Errorf("got %s, want a problem", got)
			case tt.want != "" && p != nil:
				t.Errorf("problem %+v, want %s", *p, tt.want)
			case tt.want != "" && string(got) != tt.want:
				t.Errorf("got %s, want %s", got, tt.want)
			case p != nil && (p.Zh == "" || p.En == "" || p.Field != tt.field):
				t.Errorf("problem %+v lacks text or field", *p)
			}
		})
	}
}

// TestFieldFlagsCoverEveryField: every non-Meta JSON field of every kind
// has a flag, so a field added to a record is settable at once.
func TestFieldFlagsCoverEveryField(t *testing.T) {
	for _, k := range record.Kinds {
		fs := newFlagSet("add")
		bindFieldFlags(fs, k)
		n := 0
		for _, f := range fieldsOf(k) {
			if f.Meta {
				if fs.Lookup(f.Flag()) != nil {
					t.Errorf("%s: Meta field %s has a flag", k, f.Name)
				}
				continue
			}
			n++
			if fs.Lookup(f.Flag()) == nil {
				t.Errorf("%s: no flag --%s", k, f.Flag())
			}
		}
		if n == 0 {
			t.Errorf("%s: no fields found", k)
		}
		// Every exported struct field must be seen: one without a JSON
		// name would be missing from flags, CSV columns and imports.
		rt := reflect.TypeOf(record.New(k)).Elem()
		want := 0
		for i := range rt.NumField() {
			if sf := rt.Field(i); sf.Anonymous {
				want += sf.Type.NumField()
			} else if sf.IsExported() {
				want++
			}
		}
		if got := len(fieldsOf(k)); got != want {
			t.Errorf("%s: fieldsOf found %d fields, the struct has %d", k, got, want)
		}
	}
}

// TestFieldFlagsAliasesAndValues: short aliases set the full field; bad
// values are all reported after parsing.
func TestFieldFlagsAliasesAndValues(t *testing.T) {
	fs := newFlagSet("add")
	ff := bindFieldFlags(fs, record.KindEnterprise)
	if err := fs.Parse([]string{"--industry", "2451", "--region=331127", "--zone", "z1",
		"--credit-code-confirmed", "--employees", "x", "--revenue-wan", "y"}); err != nil {
		t.Fatal(err)
	}
	values, probs := ff.Values()
	want := map[string]string{"industry_code": `"2451"`, "region_code": `"331127"`, "zone_id": `"z1"`, "credit_code_confirmed": `true`}
	for k, v := range want {
		if string(values[k]) != v {
			t.Errorf("%s = %s, want %s", k, values[k], v)
		}
	}
	var fields []string
	for _, p := range probs {
		fields = append(fields, p.Field)
	}
	if strings.Join(fields, ",") != "employees,revenue_wan" {
		t.Errorf("problems on %v, want employees and revenue_wan", fields)
	}
	if fs.Lookup("enterprise") != nil {
		t.Error("enterprise has no enterprise_id, yet --enterprise is bound")
	}
	cfs := flag.NewFlagSet("c", flag.ContinueOnError)
	bindFieldFlags(cfs, record.KindContact)
	if cfs.Lookup("enterprise") == nil {
		t.Error("contact lacks the --enterprise alias")
	}
}

// TestLeadingID finds the record ID wherever it stands among edit flags.
func TestLeadingID(t *testing.T) {
	tests := []struct {
		args []string
		id   string
		rest string
	}{
		{[]string{"ID", "--name", "x"}, "ID", "--name x"},
		{[]string{"--name", "x", "ID"}, "ID", "--name x"},
		{[]string{"--name=x", "ID", "--json"}, "ID", "--name=x --json"},
		{[]string{"--json", "ID"}, "ID", "--json"},
		{[]string{"--done", "ID"}, "ID", "--done"},
		{[]string{"--employees", "", "ID"}, "ID", "--employees "},
		{[]string{"--name", "x"}, "", "--name x"},
		{[]string{"--", "-odd-id"}, "-odd-id", ""},
	}
	for _, tt := range tests {
		id, rest := leadingID(tt.args)
		if id != tt.id || strings.Join(rest, " ") != tt.rest {
			t.Errorf("leadingID(%q) = %q, %q; want %q, %q", tt.args, id, rest, tt.id, tt.rest)
		}
	}
}

// TestDisplayWidth: Chinese takes two cells, so columns line up.
func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{{"abc", 3}, {"企业", 4}, {"ａ1", 3}, {"", 0}}
	for _, tt := range tests {
		if got := displayWidth(tt.s); got != tt.want {
			t.Errorf("displayWidth(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
	var b strings.Builder
	tb := table{}
	tb.add("企业名称", "阶段")
	tb.add("ab", "线索")
	if err := tb.write(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	col0 := displayWidth(lines[0][:strings.Index(lines[0], "阶段")])
	col1 := displayWidth(lines[1][:strings.Index(lines[1], "线索")])
	if col0 != col1 || col0 != displayWidth("企业名称")+2 {
		t.Errorf("second column starts at cells %d and %d, want %d:\n%s", col0, col1, displayWidth("企业名称")+2, b.String())
	}
	if got := clip("浙江四联玩具有限公司", 9); got != "浙江四联…" {
		t.Errorf("clip = %q", got)
	}
}

// TestTableMultiLine: a cell with line breaks continues in its own column.
func TestTableMultiLine(t *testing.T) {
	var tb table
	tb.add("备注", "第一行\n第二行")
	tb.add("阶段", "线索")
	var b strings.Builder
	if err := tb.write(&b); err != nil {
		t.Fatal(err)
	}
	want := "备注  第一行\n      第二行\n阶段  线索\n"
	if b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}
}
