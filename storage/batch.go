package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/shanhaifield/shanhai/record"
)

// PatchOp is one field change of a batch: the named fields of the stored
// record Kind/ID get these JSON values (null clears a field), exactly as
// Patch would set them.
type PatchOp struct {
	Kind   record.Kind
	ID     string
	Fields map[string]json.RawMessage
}

// Apply stores new records and patches stored ones in ONE transaction, so
// that an import either lands whole or leaves the store as it was. The
// creates go first, in order (parents before children), each as Create
// would store it; then each patch as Patch would apply it, a patch that
// changes nothing writing nothing. Any error rolls everything back and
// names the failing create or patch by its 0-based position.
func (s *Store) Apply(ctx context.Context, creates []record.Record, patches []PatchOp) error {
	for i, p := range patches {
		if !knownKind(p.Kind) {
			return fmt.Errorf("apply: patch %d: unknown kind %q", i, p.Kind)
		}
	}
	saved := make([]record.Meta, len(creates))
	for i, rec := range creates {
		if validRecord(rec) {
			saved[i] = *rec.Header()
		}
	}
	err := s.apply(ctx, creates, patches)
	if err != nil {
		for i, rec := range creates {
			if validRecord(rec) {
				*rec.Header() = saved[i] // rolled back: no ID, no stamps
			}
		}
	}
	return err
}

// apply is Apply without the header rollback.
func (s *Store) apply(ctx context.Context, creates []record.Record, patches []PatchOp) error {
	wrap := func(i int, err error) error { return fmt.Errorf("apply: create %d: %w", i, err) }
	c, err := s.startCreates(creates, false, false, wrap)
	if err != nil {
		return err
	}
	defer c.enc.stop()
	return s.write(ctx, func(w *writer) error {
		w.now = c.now
		if err := w.insertCreates(ctx, c); err != nil {
			return err
		}
		for i, p := range patches {
			if err := w.patch(p); err != nil {
				return fmt.Errorf("apply: patch %d (%s %s): %w", i, p.Kind, p.ID, err)
			}
		}
		return nil
	})
}

// patch applies one PatchOp inside the writer's transaction; a patch that
// changes nothing is not an error.
func (w *writer) patch(p PatchOp) error {
	old, err := w.v.load(w.tx, p.Kind, p.ID)
	if err != nil {
		return err
	}
	cur, err := applyPatch(old, p.Fields)
	if err != nil {
		return err
	}
	if err := prepare(cur); err != nil {
		return err
	}
	if err := w.update(old, cur); err != nil && !errors.Is(err, errNoChange) {
		return err
	}
	return nil
}
