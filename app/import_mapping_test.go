package app

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/importer"
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/spreadsheet"
	"github.com/shanhaifield/shanhai/storage"
)

// selectFor finds the mapping Select beside the label header under obj.
func selectFor(obj fyne.CanvasObject, header string) *widget.Select {
	switch o := obj.(type) {
	case *fyne.Container:
		for i, c := range o.Objects {
			if l, ok := c.(*widget.Label); ok && l.Text == header && i+1 < len(o.Objects) {
				if s, ok := o.Objects[i+1].(*widget.Select); ok {
					return s
				}
			}
			if s := selectFor(c, header); s != nil {
				return s
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(o).Objects() {
			if s := selectFor(c, header); s != nil {
				return s
			}
		}
	}
	return nil
}

// TestImportMappingCorrected drives 调整列对应… on a real store: the
// 联系电话 column of names is guessed as the contact's phone; remapping it
// changes the dry run, and the commit stores what the new mapping says.
func TestImportMappingCorrected(t *testing.T) {
	// Lists of example data (invented names) whose 联系电话 column holds
	// people's names.
	tests := []struct {
		name           string
		csv            string
		choice         string // the option chosen for 联系电话
		before         importer.Counts
		after          importer.Counts
		beforeContacts int    // contacts the first dry run creates
		contacts       int    // contacts the dry run creates after the change
		wantName       string // a stored contact's name
	}{
		{
			name:   "ignore",
			csv:    "企业名称,联系人,联系电话\n衢州示例精工有限公司,甲,王五\n湖州示例纺织有限公司,乙,赵六\n",
			choice: "不导入",
			before: importer.Counts{Rows: 2, Invalid: 2}, after: importer.Counts{Rows: 2, New: 2},
			beforeContacts: 0, contacts: 2, wantName: "甲",
		},
		{
			name:   "contact name",
			csv:    "企业名称,职务,联系电话\n衢州示例精工有限公司,总经理,王五\n湖州示例纺织有限公司,副总经理,赵六\n",
			choice: "联系人 · 姓名",
			before: importer.Counts{Rows: 2, New: 2}, after: importer.Counts{Rows: 2, New: 2},
			beforeContacts: 0, contacts: 2, wantName: "王五",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			store := openStore(t)
			u := newTestUI(t, store)
			u.importFrom(io.NopCloser(strings.NewReader(tt.csv)), "名单.csv")
			before := u.importPlan
			if before == nil {
				t.Fatal("no dry run shown")
			}
			if !tapButton(u.window.Canvas().Overlays().Top(), "调整列对应…") {
				t.Fatal("the dry run has no 调整列对应… button")
			}
			top := u.window.Canvas().Overlays().Top()
			sel := selectFor(top, "联系电话")
			if sel == nil {
				t.Fatal("no Select for 联系电话")
			}
			if got := before.Creates[record.KindContact]; got != tt.beforeContacts {
				t.Errorf("contacts to create before = %d, want %d", got, tt.beforeContacts)
			}
			if before.Counts != tt.before {
				t.Errorf("counts before = %+v, want %+v", before.Counts, tt.before)
			}
			if !strings.Contains(strings.Join(sel.Options, "|"), tt.choice) {
				t.Fatalf("options lack %q: %q", tt.choice, sel.Options)
			}
			sel.SetSelected(tt.choice)
			if !tapButton(top, "应用") {
				t.Fatal("no 应用 button")
			}
			after := u.importPlan
			if after == before {
				t.Fatal("应用 did not plan again")
			}
			if got := after.Creates[record.KindContact]; got != tt.contacts {
				t.Errorf("contacts to create = %d, want %d (before: %d)", got, tt.contacts, before.Creates[record.KindContact])
			}
			if after.Counts != tt.after {
				t.Errorf("counts after = %+v, want %+v", after.Counts, tt.after)
			}
			if !tapButton(u.window.Canvas().Overlays().Top(), "确认导入") {
				t.Fatal("the new dry run has no 确认导入")
			}
			recs, err := store.List(ctx, record.KindContact, storage.ListOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, r := range recs {
				c := r.(*record.Contact)
				names = append(names, c.Name)
				if c.Phone != "" {
					t.Errorf("contact %s stored phone %q", c.Name, c.Phone)
				}
			}
			if n := len(names); n != tt.contacts {
				t.Fatalf("stored contacts = %q, want %d", names, tt.contacts)
			}
			if tt.wantName != "" && !strings.Contains(strings.Join(names, ","), tt.wantName) {
				t.Errorf("stored contacts = %q, want %s among them", names, tt.wantName)
			}
		})
	}
}

// checkFor finds the check box labelled text under obj.
func checkFor(obj fyne.CanvasObject, text string) *widget.Check {
	switch o := obj.(type) {
	case *widget.Check:
		if o.Text == text {
			return o
		}
	case *fyne.Container:
		for _, c := range o.Objects {
			if ch := checkFor(c, text); ch != nil {
				return ch
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(o).Objects() {
			if ch := checkFor(c, text); ch != nil {
				return ch
			}
		}
	}
	return nil
}

// TestImportChooseSheets checks that unticking a sheet of a workbook in
// 调整列对应… plans and commits the other sheets only.
func TestImportChooseSheets(t *testing.T) {
	ctx := context.Background()
	var buf bytes.Buffer
	err := spreadsheet.WriteXLSX(&buf, []spreadsheet.Sheet{ // example data, invented names
		{Name: "衢州", Header: []string{"企业名称"}, Rows: [][]string{{"衢州示例精工有限公司"}, {"衢州示例化工有限公司"}}},
		{Name: "湖州", Header: []string{"企业名称"}, Rows: [][]string{{"湖州示例纺织有限公司"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	store := openStore(t)
	u := newTestUI(t, store)
	u.importFrom(io.NopCloser(&buf), "名单.xlsx")
	if u.importPlan == nil || u.importPlan.Counts.New != 3 {
		t.Fatalf("dry run of both sheets = %+v, want 3 new", u.importPlan)
	}
	if !tapButton(u.window.Canvas().Overlays().Top(), "调整列对应…") {
		t.Fatal("the dry run has no 调整列对应… button")
	}
	top := u.window.Canvas().Overlays().Top()
	for _, sheet := range []string{"衢州", "湖州"} {
		if ch := checkFor(top, sheet); ch == nil || !ch.Checked {
			t.Fatalf("sheet %s has no ticked check box", sheet)
		}
	}
	checkFor(top, "衢州").SetChecked(false)
	if !tapButton(top, "应用") {
		t.Fatal("no 应用 button")
	}
	if got := u.importPlan; len(got.Sheets) != 1 || got.Sheets[0].Sheet != "湖州" || got.Counts.New != 1 {
		t.Fatalf("dry run after unticking 衢州 = %+v", got)
	}
	if !tapButton(u.window.Canvas().Overlays().Top(), "确认导入") {
		t.Fatal("the new dry run has no 确认导入")
	}
	if n, _ := store.Count(ctx, record.KindEnterprise); n != 1 {
		t.Errorf("stored %d enterprises, want 1 (湖州 only)", n)
	}
}

// TestTargetChoices checks the mapping's options: 不导入 first, every
// option a distinct importable field, and the parent link not offered.
func TestTargetChoices(t *testing.T) {
	opts, value := targetChoices()
	if opts[0] != "不导入" || value[opts[0]] != "" {
		t.Fatalf("first option = %q → %q, want 不导入 → \"\"", opts[0], value[opts[0]])
	}
	if len(value) != len(opts) {
		t.Errorf("%d options but %d distinct labels", len(opts), len(value))
	}
	offered := map[string]bool{}
	for _, o := range opts[1:] {
		offered[value[o]] = true
	}
	tests := []struct {
		target string
		want   bool
	}{
		{"enterprise.name", true},
		{"enterprise.credit_code", true},
		{"contact.name", true},
		{"contact.phone", true},
		{"project.investment_wan", true},
		{"contact.enterprise_id", false},
		{"enterprise.id", false},
	}
	for _, tt := range tests {
		if offered[tt.target] != tt.want {
			t.Errorf("%s offered = %v, want %v", tt.target, offered[tt.target], tt.want)
		}
	}
}
