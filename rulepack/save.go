package rulepack

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// SaveFile writes the pack as one JSON document at path, through a
// temporary file in the same folder renamed into place, so a crash or a
// concurrent reader never sees half a pack.
func SaveFile(ctx context.Context, path string, p *Pack) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("save rule pack: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".rulepack-*.json")
	if err != nil {
		return fmt.Errorf("save rule pack: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if err := p.WriteJSON(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save rule pack: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save rule pack: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save rule pack: %w", err)
	}
	return nil
}
