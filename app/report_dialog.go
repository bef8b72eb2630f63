package app

import (
	"context"
	"io"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/report"
)

// reportForm holds the 设置 entries that choose a trip or weekly report.
type reportForm struct {
	from, to, person, week *widget.Entry
}

// dataTools is the 设置 section with the import button and the reports.
func (u *UI) dataTools() fyne.CanvasObject {
	now := time.Now()
	f := &reportForm{from: widget.NewEntry(), to: widget.NewEntry(), person: widget.NewEntry(), week: widget.NewEntry()}
	f.from.SetText(now.AddDate(0, 0, -6).Format(time.DateOnly))
	f.to.SetText(now.Format(time.DateOnly))
	f.person.SetPlaceHolder(lang.X("report.person_all", "全部人员"))
	f.week.SetText(now.Format(time.DateOnly))
	u.reportForm = f
	imp := widget.NewButtonWithIcon(lang.X("enterprises.import", "导入…"), theme.FolderOpenIcon(), u.chooseImport)
	trip := widget.NewButtonWithIcon(lang.X("report.trip", "出差走访报告…"), theme.DocumentSaveIcon(), u.chooseTripReport)
	week := widget.NewButtonWithIcon(lang.X("report.weekly", "一周一报…"), theme.DocumentSaveIcon(), u.chooseWeeklyReport)
	return container.NewVBox(
		container.NewHBox(imp),
		container.New(layout.NewFormLayout(),
			widget.NewLabel(lang.X("report.from", "开始日期")), f.from,
			widget.NewLabel(lang.X("report.to", "结束日期")), f.to,
			widget.NewLabel(lang.X("report.person", "人员")), f.person),
		container.NewHBox(trip),
		container.New(layout.NewFormLayout(), widget.NewLabel(lang.X("report.week", "该周任一日期")), f.week),
		container.NewHBox(week),
	)
}

// tripWriter is the trip report the 设置 entries ask for.
func (u *UI) tripWriter() func(context.Context, io.Writer) error {
	q := report.TripQuery{From: u.reportForm.from.Text, To: u.reportForm.to.Text, Person: u.reportForm.person.Text}
	return func(ctx context.Context, w io.Writer) error { return u.reports.TripReport(ctx, q, w, time.Now()) }
}

// weeklyWriter is the weekly report the 设置 entries ask for, for the
// user's own zone.
func (u *UI) weeklyWriter() func(context.Context, io.Writer) error {
	q := report.WeekQuery{Day: u.reportForm.week.Text, Zone: u.prefs.String(prefZone)}
	return func(ctx context.Context, w io.Writer) error { return u.reports.WeeklyReport(ctx, q, w, time.Now()) }
}

// chooseTripReport asks where to save the 出差走访报告.
func (u *UI) chooseTripReport() {
	if u.reportsMissing() || !u.validDates(u.reportForm.from.Text, u.reportForm.to.Text) {
		return
	}
	u.chooseReportFile(lang.X("report.trip_file", "出差走访报告.pdf"), u.tripWriter())
}

// chooseWeeklyReport asks where to save the 一周一报.
func (u *UI) chooseWeeklyReport() {
	if u.reportsMissing() || !u.validDates(u.reportForm.week.Text) {
		return
	}
	u.chooseReportFile(lang.X("report.weekly_file", "一周一报.pdf"), u.weeklyWriter())
}

// chooseScreeningReport asks where to save the report of one screening.
func (u *UI) chooseScreeningReport(s *record.Screening) {
	u.chooseReportFile(lang.X("report.screening_file", "筛查报告.pdf"), screeningWriter(s))
}

// screeningWriter is the report of one stored screening.
func screeningWriter(s *record.Screening) func(context.Context, io.Writer) error {
	return func(_ context.Context, w io.Writer) error { return report.Screening(w, s, time.Now()) }
}

// validDates tells the user when a date entry is not YYYY-MM-DD, before
// asking where to save.
func (u *UI) validDates(dates ...string) bool {
	for _, d := range dates {
		if _, err := record.ParseDate(d); err != nil {
			dialog.ShowInformation(lang.X("report.title", "报告"),
				lang.X("report.bad_date", "日期「{{.Date}}」格式不对，请按 2026-11-26 的格式填写。", map[string]any{"Date": d}), u.window)
			return false
		}
	}
	return true
}

// reportsMissing tells the user when the store cannot make reports.
func (u *UI) reportsMissing() bool {
	if u.reports != nil {
		return false
	}
	dialog.ShowInformation(lang.X("report.title", "报告"), lang.X("report.unavailable", "当前数据源不支持生成报告。"), u.window)
	return true
}

// chooseReportFile asks for a .pdf file and writes the report to it.
func (u *UI) chooseReportFile(name string, write func(context.Context, io.Writer) error) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(lang.X("report.failed", "生成报告失败"), err)
			return
		}
		if wc != nil {
			u.saveReport(wc, write)
		}
	}, u.window)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	u.trackDialog(d)
	d.Show()
}

// saveReport writes the report to w off the UI goroutine behind an
// infinite progress bar.
func (u *UI) saveReport(w io.WriteCloser, write func(context.Context, io.Writer) error) {
	prog := dialog.NewCustomWithoutButtons(lang.X("report.writing", "正在生成报告…"), widget.NewProgressBarInfinite(), u.window)
	prog.Show()
	u.background(func(ctx context.Context) error {
		return renderTo(ctx, w, write)
	}, func(err error) {
		prog.Hide()
		if err != nil {
			u.showError(lang.X("report.failed", "生成报告失败"), err)
			return
		}
		slog.Info("report written")
		dialog.ShowInformation(lang.X("report.title", "报告"), lang.X("report.saved", "报告已保存。"), u.window)
	})
}
