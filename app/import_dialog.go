package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/importer"
	"github.com/shanhaifield/shanhai/spreadsheet"
)

// importPreviewRows bounds the rejected rows listed in the dry run; the
// rest are in the saved error file.
const importPreviewRows = 20

// chooseImport asks for a .xlsx or .csv file and prepares its import.
func (u *UI) chooseImport() {
	if u.imports == nil {
		dialog.ShowInformation(lang.X("import.title", "导入"), lang.X("import.unavailable", "当前数据源不支持导入。"), u.window)
		return
	}
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(lang.X("import.open_failed", "打开文件失败"), err)
			return
		}
		if rc != nil {
			u.importFrom(rc, rc.URI().Name())
		}
	}, u.window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv"}))
	u.trackDialog(d)
	d.Show()
}

// importSession is one file being imported: its tables, read once, and
// the user's choice of sheets and column mapping, which 应用 re-plans with.
type importSession struct {
	name    string
	tables  []spreadsheet.Table
	use     []bool            // by index of tables; all true at first
	mapping *importer.Mapping // nil guesses every column
}

// chosen returns the tables the user chose to import.
func (s *importSession) chosen() []spreadsheet.Table {
	var out []spreadsheet.Table
	for i, t := range s.tables {
		if s.use[i] {
			out = append(out, t)
		}
	}
	return out
}

// importFrom reads r (closed when read) and prepares its import.
func (u *UI) importFrom(r io.ReadCloser, name string) {
	sess := &importSession{name: name}
	u.prepareImport(sess, func(ctx context.Context) error {
		defer r.Close()
		tables, err := u.imports.ReadImport(ctx, r, name)
		sess.tables = tables
		sess.use = make([]bool, len(tables))
		for i := range sess.use {
			sess.use[i] = true
		}
		return err
	})
}

// prepareImport plans sess off the UI goroutine behind a progress bar
// that can cancel it, reading the file first when read is set, then shows
// the dry run.
func (u *UI) prepareImport(sess *importSession, read func(context.Context) error) {
	ctx, cancel := context.WithCancel(u.ctx)
	bar := widget.NewProgressBar()
	prog := dialog.NewCustom(lang.X("import.preparing", "正在检查 {{.Name}}…", map[string]any{"Name": sess.name}),
		lang.X("import.cancel", "取消"), bar, u.window)
	prog.SetOnClosed(cancel)
	prog.Show()
	var plan *importer.Plan
	u.background(func(context.Context) error {
		if read != nil {
			if err := read(ctx); err != nil {
				return err
			}
		}
		var err error
		plan, err = u.imports.PrepareImport(ctx, sess.chosen(), importer.Options{
			Mapping: sess.mapping,
			Progress: func(done, total int) {
				if total > 0 {
					fyne.Do(func() { bar.SetValue(float64(done) / float64(total)) })
				}
			},
		})
		return err
	}, func(err error) {
		canceled := ctx.Err() != nil
		prog.Hide()
		switch {
		case canceled:
			slog.Info("import canceled", "file", sess.name)
		case err != nil:
			u.showError(lang.X("import.failed", "读取导入文件失败"), err)
		default:
			u.showImportPlan(sess, plan)
		}
	})
}

// showImportPlan shows the dry run's counts and first rejected rows and
// asks whether to commit.
func (u *UI) showImportPlan(sess *importSession, plan *importer.Plan) {
	u.importPlan = plan
	var d dialog.Dialog
	body := container.NewVBox(importCounts(plan.Counts))
	for _, s := range plan.Sheets {
		if s.Skipped != "" {
			body.Add(widget.NewLabel(lang.X("import.skipped", "工作表 {{.Sheet}} 未导入：找不到含“企业名称”或“统一社会信用代码”列的表头。", map[string]any{"Sheet": s.Sheet})))
		}
	}
	if errs := plan.Errors(); len(errs) > 0 {
		body.Add(widget.NewLabelWithStyle(lang.X("import.rejected", "未导入的行（前 {{.N}} 条）：", map[string]any{"N": min(len(errs), importPreviewRows)}),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, e := range errs[:min(len(errs), importPreviewRows)] {
			l := widget.NewLabel(rowErrorText(e))
			l.Wrapping = fyne.TextWrapWord
			body.Add(l)
		}
		body.Add(widget.NewButton(lang.X("import.save_errors", "保存错误行…"), func() { u.chooseErrorFile(plan) }))
	}
	body.Add(widget.NewButton(lang.X("import.adjust", "调整列对应…"), func() {
		u.showImportMapping(sess, plan, func() { d.Hide() })
	}))
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(520, 360))
	title := lang.X("import.plan_title", "导入 {{.Name}}", map[string]any{"Name": sess.name})
	if plan.Counts.New+plan.Counts.Updated == 0 {
		body.Objects = append([]fyne.CanvasObject{widget.NewLabel(lang.X("import.nothing", "没有需要写入的行。"))}, body.Objects...)
		d = dialog.NewCustom(title, lang.X("settings.close", "关闭"), scroll, u.window)
	} else {
		d = dialog.NewCustomConfirm(title, lang.X("import.confirm", "确认导入"), lang.X("import.cancel", "取消"), scroll, func(ok bool) {
			if ok {
				u.commitImport(plan)
			}
		}, u.window)
	}
	u.trackDialog(d)
	d.Show()
}

// importCounts lays out the dry run's row counts.
func importCounts(c importer.Counts) fyne.CanvasObject {
	n := func(v int) fyne.CanvasObject { return widget.NewLabel(fmt.Sprint(v)) }
	return container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.X("import.new", "新增")), n(c.New),
		widget.NewLabel(lang.X("import.updated", "更新")), n(c.Updated),
		widget.NewLabel(lang.X("import.unchanged", "不变")), n(c.Unchanged),
		widget.NewLabel(lang.X("import.duplicate", "疑似重复")), n(c.Duplicate),
		widget.NewLabel(lang.X("import.invalid", "无效")), n(c.Invalid),
	)
}

// rowErrorText is one rejected row's place and reason, in the UI's language.
func rowErrorText(e importer.RowError) string {
	reason := e.Zh
	if englishUI() && e.En != "" {
		reason = e.En
	}
	return lang.X("import.row_error", "{{.Sheet}} 第 {{.Row}} 行 {{.Column}}：{{.Reason}}",
		map[string]any{"Sheet": e.Sheet, "Row": e.Row, "Column": e.Column, "Reason": reason})
}

// commitImport writes the plan off the UI goroutine and refreshes the
// screens.
func (u *UI) commitImport(plan *importer.Plan) {
	prog := dialog.NewCustomWithoutButtons(lang.X("import.committing", "正在导入…"), widget.NewProgressBarInfinite(), u.window)
	prog.Show()
	u.background(func(ctx context.Context) error {
		return u.imports.CommitImport(ctx, plan)
	}, func(err error) {
		prog.Hide()
		u.importPlan = nil
		if err != nil {
			u.showError(lang.X("import.commit_failed", "导入失败"), err)
			return
		}
		slog.Info("import committed", "new", plan.Counts.New, "updated", plan.Counts.Updated)
		u.Refresh()
		dialog.ShowInformation(lang.X("import.title", "导入"), lang.X("import.done", "已导入：新增 {{.New}} 行，更新 {{.Updated}} 行。",
			map[string]any{"New": plan.Counts.New, "Updated": plan.Counts.Updated}), u.window)
	})
}

// chooseErrorFile asks where to save the rejected rows as a workbook.
func (u *UI) chooseErrorFile(plan *importer.Plan) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(lang.X("import.save_errors_failed", "保存错误行失败"), err)
			return
		}
		if wc != nil {
			if err := writeImportErrors(wc, plan); err != nil {
				u.showError(lang.X("import.save_errors_failed", "保存错误行失败"), err)
			}
		}
	}, u.window)
	d.SetFileName(lang.X("import.errors_file", "导入错误行.xlsx"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	d.Show()
}

// writeImportErrors writes the rejected rows to w and closes it.
func writeImportErrors(w io.WriteCloser, plan *importer.Plan) error {
	if err := importer.WriteErrors(w, plan); err != nil {
		w.Close()
		return fmt.Errorf("write import errors: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("write import errors: %w", err)
	}
	return nil
}
