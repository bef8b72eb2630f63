package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/report"
	"github.com/shanhaifield/shanhai/storage"
)

const reportUsage = "report screening ID --out F.pdf | report trip --from D --to D [--person P] --out F.pdf | report weekly [--week YYYY-MM-DD] [--zone Z] --out F.pdf"

// runReport writes one of the PDF reports: 筛查报告, 出差走访报告 or 一周一报.
func runReport(s *session, args []string) error {
	if len(args) == 0 {
		return usageErrorf("需要报告类型 screening、trip 或 weekly / expected a report type; usage: shanhai %s", reportUsage)
	}
	fs := newFlagSet("report")
	out := fs.String("out", "", "输出 PDF 文件 / output PDF file")
	from := fs.String("from", "", "开始日期 / first day (trip)")
	to := fs.String("to", "", "结束日期 / last day (trip)")
	person := fs.String("person", "", "人员（参加人员）/ person who took part (trip)")
	week := fs.String("week", "", "该周任一日期，默认今天 / any day of the week, default today (weekly)")
	zone := fs.String("zone", "", "本开发区，区分转出和转入 / own zone, to tell sent from received (weekly)")
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		writeCommandHelp(s.stdout, reportUsage, fs)
		return nil
	}
	pos, err := s.parse(fs, args[1:], reportUsage)
	if err != nil {
		return err
	}
	if *out == "" {
		return usageErrorf("需要 --out 文件 / --out FILE is required; usage: shanhai %s", reportUsage)
	}
	now := time.Now()
	var write func(st *storage.Store, w io.Writer) error
	switch args[0] {
	case "screening":
		id, err := oneArg(pos, "筛查记录 ID", "screening ID", reportUsage)
		if err != nil {
			return err
		}
		write = func(st *storage.Store, w io.Writer) error {
			rec, err := st.Get(s.ctx, id)
			if err != nil {
				return err
			}
			scr, ok := rec.(*record.Screening)
			if !ok {
				return &bilingualError{zh: "记录 " + id + " 不是筛查记录", en: "record " + id + " is a " + string(rec.Kind()) + ", not a screening"}
			}
			return report.Screening(w, scr, now)
		}
	case "trip":
		if err := noArgs(pos, reportUsage); err != nil {
			return err
		}
		if *from == "" || *to == "" {
			return usageErrorf("出差报告需要 --from 和 --to / trip needs --from and --to")
		}
		q := report.TripQuery{From: *from, To: *to, Person: *person}
		write = func(st *storage.Store, w io.Writer) error { return report.Trip(s.ctx, st, q, w, now) }
	case "weekly":
		if err := noArgs(pos, reportUsage); err != nil {
			return err
		}
		day := *week
		if day == "" {
			day = now.Format("2006-01-02")
		}
		q := report.WeekQuery{Day: day, Zone: *zone}
		write = func(st *storage.Store, w io.Writer) error { return report.Weekly(s.ctx, st, q, w, now) }
	default:
		return usageErrorf("未知报告类型「%s」/ unknown report %q (screening, trip, weekly)", args[0], args[0])
	}
	err = s.withStore(func(st *storage.Store) error {
		return writeFileAtomic(*out, func(w io.Writer) error { return write(st, w) })
	})
	if err != nil {
		return fmt.Errorf("report %s: %w", args[0], err)
	}
	_, err = fmt.Fprintf(s.stderr, "已生成 / written: %s\n", *out)
	return err
}
