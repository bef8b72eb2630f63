package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"time"

	"github.com/shanhaifield/shanhai/report"
	"github.com/shanhaifield/shanhai/storage"
)

// Reporter writes the PDF reports that read the whole store. The
// screening report needs only its record and is written directly.
type Reporter interface {
	// TripReport writes the 出差走访报告 for q to w.
	TripReport(ctx context.Context, q report.TripQuery, w io.Writer, made time.Time) error
	// WeeklyReport writes the 一周一报 for q to w.
	WeeklyReport(ctx context.Context, q report.WeekQuery, w io.Writer, made time.Time) error
}

// storeReporter is the Reporter over a bbolt store.
type storeReporter struct{ st *storage.Store }

// reporterFor returns the Reporter for svc, nil when svc is not a store.
func reporterFor(svc Services) Reporter {
	if st, ok := svc.(*storage.Store); ok {
		return storeReporter{st}
	}
	return nil
}

// TripReport implements Reporter.
func (s storeReporter) TripReport(ctx context.Context, q report.TripQuery, w io.Writer, made time.Time) error {
	return report.Trip(ctx, s.st, q, w, made)
}

// WeeklyReport implements Reporter.
func (s storeReporter) WeeklyReport(ctx context.Context, q report.WeekQuery, w io.Writer, made time.Time) error {
	return report.Weekly(ctx, s.st, q, w, made)
}

// renderTo runs write into memory and copies the result to w only when
// it succeeded, so a failed report never leaves half a PDF; w is closed.
func renderTo(ctx context.Context, w io.WriteCloser, write func(context.Context, io.Writer) error) error {
	var buf bytes.Buffer
	err := write(ctx, &buf)
	if err == nil {
		_, err = buf.WriteTo(w)
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}
