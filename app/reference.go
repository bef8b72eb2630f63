package app

import (
	"context"
	"log/slog"
	"path/filepath"

	"github.com/shanhaifield/shanhai/industry"
	"github.com/shanhaifield/shanhai/rulepack"
)

// reference is the read-only data shipped with the program: the rule pack
// (zones, pairings, chains) and the GB/T 4754 industry table. Either may
// be nil when it failed to load; screens then show codes instead of names.
type reference struct {
	pack       *rulepack.Pack
	industries *industry.Table
}

// loadReference loads the rule pack in force for the store's data folder
// (the later of the built-in pack and one imported or received from the
// server, see rulepack.Active) and the industry table.
func loadReference(ctx context.Context, svc Services) *reference {
	r := &reference{}
	var err error
	if r.pack, _, err = rulepack.Active(ctx, importedPackPath(svc)); err != nil {
		slog.Error("load rule pack", "err", err)
		r.pack = nil
	}
	if r.industries, err = industry.Load(); err != nil {
		slog.Error("load industry table", "err", err)
		r.industries = nil
	}
	return r
}

// importedPackPath is where an imported pack sits beside the store file,
// or "" when the service is not file-backed (tests).
func importedPackPath(svc Services) string {
	f, ok := svc.(interface{ Path() string })
	if !ok || f.Path() == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(f.Path()), rulepack.ImportedFile)
}

// industryName is "3670 汽车零部件及配件制造", or the bare code when unknown.
func (r *reference) industryName(code string) string {
	if r.industries == nil || code == "" {
		return code
	}
	if c, ok := r.industries.Lookup(code); ok {
		return c.Code + " " + industryLabel(c)
	}
	return code
}

// zoneName is a zone's short name in the interface language, or its ID
// when unknown.
func (r *reference) zoneName(id string) string {
	if r.pack == nil || id == "" {
		return id
	}
	if z, ok := r.pack.Zone(id); ok {
		return z.ShortNameIn(englishUI())
	}
	return id
}
