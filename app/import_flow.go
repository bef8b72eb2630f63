package app

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/shanhaifield/shanhai/importer"
	"github.com/shanhaifield/shanhai/spreadsheet"
	"github.com/shanhaifield/shanhai/storage"
)

// Importer prepares a spreadsheet import as a dry run and commits it. The
// window gets one over the real store (storeImporter); a window over a
// store that cannot import has none and says so.
type Importer interface {
	// ReadImport reads the tables of a .xlsx or .csv file (told apart by
	// name): every sheet of a workbook, or the CSV as one table.
	ReadImport(ctx context.Context, r io.Reader, name string) ([]spreadsheet.Table, error)
	// PrepareImport plans every row of tables without writing, with the
	// mapping and progress callback in opts.
	PrepareImport(ctx context.Context, tables []spreadsheet.Table, opts importer.Options) (*importer.Plan, error)
	// CommitImport makes a prepared plan's writes in one transaction.
	CommitImport(ctx context.Context, plan *importer.Plan) error
}

// storeImporter is the Importer over a bbolt store.
type storeImporter struct{ st *storage.Store }

// importerFor returns the Importer for svc, nil when svc is not a store.
func importerFor(svc Services) Importer {
	if st, ok := svc.(*storage.Store); ok {
		return storeImporter{st}
	}
	return nil
}

// ReadImport implements Importer.
func (s storeImporter) ReadImport(ctx context.Context, r io.Reader, name string) ([]spreadsheet.Table, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return readTables(r, name)
}

// PrepareImport implements Importer.
func (s storeImporter) PrepareImport(ctx context.Context, tables []spreadsheet.Table, opts importer.Options) (*importer.Plan, error) {
	plan, err := importer.Prepare(ctx, s.st, tables, opts)
	if err != nil {
		return nil, fmt.Errorf("prepare import: %w", err)
	}
	return plan, nil
}

// CommitImport implements Importer.
func (s storeImporter) CommitImport(ctx context.Context, plan *importer.Plan) error {
	if err := plan.Commit(ctx, s.st); err != nil {
		return fmt.Errorf("commit import: %w", err)
	}
	return nil
}

// readTables reads every sheet of a workbook, or one CSV file as a table
// named after the file.
func readTables(r io.Reader, name string) ([]spreadsheet.Table, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".xlsx", ".xlsm":
		tables, err := spreadsheet.ReadXLSX(r, "")
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		return tables, nil
	case ".csv":
		t, _, err := spreadsheet.ReadCSV(r, strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)))
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		return []spreadsheet.Table{*t}, nil
	}
	return nil, fmt.Errorf("read %s: unsupported file type %q (.xlsx or .csv)", name, ext)
}
