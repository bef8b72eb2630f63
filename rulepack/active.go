package rulepack

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
)

// ImportedFile is the name, inside a data folder, of a pack an
// administrator imported or the server distributed.
const ImportedFile = "rulepack.json"

// Later reports whether the pack (dateA, versionA) is later than (dateB,
// versionB): by date, then version. The CLI, the app, the sync client and
// the server all order packs this way.
func Later(dateA, versionA, dateB, versionB string) bool {
	if dateA != dateB {
		return dateA > dateB
	}
	return versionA > versionB
}

// Active returns the pack in force for a data folder: the later of the
// built-in pack and the one at importedPath, and whether the imported one
// won. A missing imported file is normal; an unreadable one is logged and
// ignored, so a damaged download never leaves the user without rules. An
// imported pack older than the built-in one (after an upgrade) is ignored.
func Active(ctx context.Context, importedPath string) (p *Pack, imported bool, err error) {
	builtIn, err := Load()
	if err != nil {
		return nil, false, err
	}
	if importedPath == "" {
		return builtIn, false, nil
	}
	other, err := LoadFile(ctx, importedPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return builtIn, false, nil
	case err != nil:
		slog.Warn("imported rule pack unreadable; using the built-in one", "path", importedPath, "err", err)
		return builtIn, false, nil
	case !Later(other.Date, other.Version, builtIn.Date, builtIn.Version):
		return builtIn, false, nil
	}
	return other, true, nil
}
