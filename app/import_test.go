package app

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/importer"
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/spreadsheet"
)

// importCSV is a small list (example data, invented names): one good
// row, one with a mobile number too short, on spreadsheet row 3.
const importCSV = "企业名称,联系人,手机\n衢州示例精工有限公司,甲,13800138000\n湖州示例纺织有限公司,乙,123\n"

// TestImportFlow drives the window's import through the adapter on a
// real store: dry run with counts and the rejected row, saving the
// rejected rows, then committing and seeing the list refreshed.
func TestImportFlow(t *testing.T) {
	ctx := context.Background()
	store := openStore(t)
	u := newTestUI(t, store)
	if u.imports == nil {
		t.Fatal("a window over a real store has no importer")
	}
	u.importFrom(io.NopCloser(strings.NewReader(importCSV)), "名单.csv")
	plan := u.importPlan
	if plan == nil {
		t.Fatal("no dry run shown")
	}
	if want := (importer.Counts{Rows: 2, New: 1, Invalid: 1}); plan.Counts != want {
		t.Fatalf("counts = %+v, want %+v", plan.Counts, want)
	}
	markup := test.RenderToMarkup(u.Window().Canvas())
	for _, want := range []string{"新增", "无效", "名单 第 3 行 手机", "确认导入", "保存错误行…"} {
		if !strings.Contains(markup, want) {
			t.Errorf("dry run lacks %q", want)
		}
	}
	if n, _ := store.Count(ctx, record.KindEnterprise); n != 0 {
		t.Fatalf("the dry run wrote %d enterprises", n)
	}

	errPath := filepath.Join(t.TempDir(), "errors.xlsx")
	f, err := os.Create(errPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeImportErrors(f, plan); err != nil {
		t.Fatal(err)
	}
	rejected := readWorkbook(t, errPath)
	if len(rejected) != 2 || rejected[1][0] != "湖州示例纺织有限公司" {
		t.Errorf("error workbook rows = %q", rejected)
	}

	u.commitImport(plan)
	if n, _ := store.Count(ctx, record.KindEnterprise); n != 1 {
		t.Fatalf("after commit the store holds %d enterprises, want 1", n)
	}
	if names := rowNames(u.enterprises); len(names) != 1 || names[0] != "衢州示例精工有限公司" {
		t.Errorf("list after import = %q", names)
	}
}

// readWorkbook reads the first sheet of an xlsx file.
func readWorkbook(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tabs, err := spreadsheet.ReadXLSX(f, "")
	if err != nil {
		t.Fatal(err)
	}
	return tabs[0].Rows
}

// TestImportBadFile checks that a file the importer cannot read shows an
// error and no dry run.
func TestImportBadFile(t *testing.T) {
	tests := []struct{ name, body string }{
		{"名单.txt", importCSV},
		{"名单.xlsx", "not a zip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := newTestUI(t, openStore(t))
			u.importFrom(io.NopCloser(strings.NewReader(tt.body)), tt.name)
			if u.importPlan != nil {
				t.Error("a bad file gave a dry run")
			}
			if !strings.Contains(test.RenderToMarkup(u.Window().Canvas()), "读取导入文件失败") {
				t.Error("no error shown")
			}
		})
	}
}

// TestImportWithoutStore checks that a window over a data source that is
// not a store has no importer or reporter and says so.
func TestImportWithoutStore(t *testing.T) {
	u := newTestUI(t, &fakeServices{})
	if u.imports != nil || u.reports != nil {
		t.Fatal("a fake source got an importer or reporter")
	}
	u.chooseImport()
	if !strings.Contains(test.RenderToMarkup(u.Window().Canvas()), "当前数据源不支持导入") {
		t.Error("no message shown")
	}
}

// failingWriter fails every write, as a full disk would.
type failingWriter struct{ closed bool }

func (w *failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
func (w *failingWriter) Close() error              { w.closed = true; return nil }

// TestWriteImportErrorsFails checks that a failed write is reported and
// the file still closed.
func TestWriteImportErrorsFails(t *testing.T) {
	u := newTestUI(t, openStore(t))
	u.importFrom(io.NopCloser(strings.NewReader(importCSV)), "名单.csv")
	w := &failingWriter{}
	if err := writeImportErrors(w, u.importPlan); err == nil {
		t.Error("a failed write gave no error")
	}
	if !w.closed {
		t.Error("the file was left open")
	}
}

// TestImportCancel checks that closing the progress dialog while the file
// is being checked shows neither a dry run nor an error.
func TestImportCancel(t *testing.T) {
	u := newTestUI(t, openStore(t))
	u.background = func(work func(context.Context) error, done func(error)) {
		if !tapButton(u.window.Canvas().Overlays().Top(), "取消") { // the user cancels first
			t.Fatal("the progress dialog has no 取消 button")
		}
		done(work(u.ctx))
	}
	u.importFrom(io.NopCloser(strings.NewReader(importCSV)), "名单.csv")
	if u.importPlan != nil {
		t.Error("a canceled import showed its dry run")
	}
	if u.window.Canvas().Overlays().Top() != nil {
		t.Error("a canceled import left a dialog open")
	}
}

// tapButton taps the first button labelled text under obj and reports
// whether there was one.
func tapButton(obj fyne.CanvasObject, text string) bool {
	switch o := obj.(type) {
	case *widget.Button:
		if o.Text == text {
			test.Tap(o)
			return true
		}
		return false
	case *fyne.Container:
		return slices.ContainsFunc(o.Objects, func(c fyne.CanvasObject) bool { return tapButton(c, text) })
	case fyne.Widget:
		return slices.ContainsFunc(test.WidgetRenderer(o).Objects(), func(c fyne.CanvasObject) bool { return tapButton(c, text) })
	}
	return false
}

// TestImportButtonsOpenFileDialog checks that the empty list's 导入 button
// and the one in 设置 both open a file dialog on a real store.
func TestImportButtonsOpenFileDialog(t *testing.T) {
	tests := []struct {
		name string
		tap  func(u *UI) bool
	}{
		{"empty list", func(u *UI) bool { test.Tap(u.enterprises.importBtn); return true }},
		{"settings", func(u *UI) bool { return tapButton(u.settings.content, "导入…") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := newTestUI(t, openStore(t))
			if !tt.tap(u) {
				t.Fatal("no import button")
			}
			if u.window.Canvas().Overlays().Top() == nil || u.dialog == nil {
				t.Error("no file dialog opened")
			}
		})
	}
}

// TestImportNothingToWrite checks that a file whose rows are all rejected
// offers no 确认导入, only the rejected rows.
func TestImportNothingToWrite(t *testing.T) {
	u := newTestUI(t, openStore(t))
	u.importFrom(io.NopCloser(strings.NewReader("企业名称,联系人,手机\n湖州示例纺织有限公司,乙,123\n")), "名单.csv")
	markup := test.RenderToMarkup(u.Window().Canvas())
	for want, shown := range map[string]bool{"没有需要写入的行": true, "确认导入": false, "保存错误行…": true} {
		if strings.Contains(markup, want) != shown {
			t.Errorf("%q shown = %v, want %v", want, !shown, shown)
		}
	}
}
