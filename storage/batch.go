package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
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
	now := s.now().UTC()
	stamps := make([]string, len(creates))
	mids := make([]string, len(creates))
	for i, rec := range creates {
		if !validRecord(rec) {
			return wrap(i, errNoRecord(rec))
		}
		var err error
		if stamps[i], mids[i], err = s.assignMeta(rec, now, false); err != nil {
			return wrap(i, err)
		}
	}
	news := make([]newRecord, len(creates))
	enc := startEncoding(len(creates), func(i int) error {
		if err := prepare(creates[i]); err != nil {
			return wrap(i, err)
		}
		var err error
		if news[i], err = encodeNew(creates[i], stamps[i], mids[i], now, s.author, false); err != nil {
			return wrap(i, err)
		}
		return nil
	})
	defer enc.stop()
	return s.write(ctx, func(w *writer) error {
		w.now = now
		var entries []indexEntry
		codes := map[string]string{} // credit code → ID, within this batch
		for i := range news {
			if i%encodeBlock == 0 {
				if err := enc.wait(i / encodeBlock); err != nil {
					return err
				}
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if err := w.insertDeferred(news[i], codes); err != nil {
				return wrap(i, err)
			}
			entries = append(entries, news[i].entries...)
		}
		if err := putSorted(w.tx, entries); err != nil {
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
	old, err := load(w.tx, p.Kind, p.ID)
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

// insertDeferred is writer.insert without the index writes, which the
// caller makes afterwards in key order: bbolt splits nodes only at commit,
// so 100k random-order index keys put into one transaction would each
// shift a growing in-memory node, quadratic in the batch. Credit-code
// uniqueness within the batch, which the index cannot show yet, is checked
// against codes.
func (w *writer) insertDeferred(n newRecord, codes map[string]string) error {
	rec, id := n.rec, n.rec.Header().ID
	if w.tx.Bucket(kindBucket(rec.Kind())).Get([]byte(id)) != nil || w.tx.Bucket(bucketTombstones).Get([]byte(id)) != nil {
		return fmt.Errorf("create %s: id %s already used", rec.Kind(), id)
	}
	if err := w.checkRefs(rec); err != nil {
		return err
	}
	if e, ok := rec.(*record.Enterprise); ok && e.CreditCode != "" {
		if owner, dup := codes[e.CreditCode]; dup {
			return fmt.Errorf("enterprise %q: %w", e.Name, &DuplicateError{Field: "credit_code", ID: owner})
		}
		codes[e.CreditCode] = id
	}
	if err := w.tx.Bucket(kindBucket(rec.Kind())).Put([]byte(id), n.data); err != nil {
		return fmt.Errorf("store %s %s: %w", rec.Kind(), id, err)
	}
	w.touched = append(w.touched, rec)
	return w.appendChangeTail(n.change)
}

// putSorted writes index entries ordered by bucket and key, so that each
// put appends to its node instead of shifting it.
func putSorted(tx *bolt.Tx, entries []indexEntry) error {
	slices.SortFunc(entries, func(a, b indexEntry) int {
		if c := bytes.Compare(a.bucket, b.bucket); c != 0 {
			return c
		}
		return strings.Compare(a.key, b.key)
	})
	return putIndexes(tx, entries)
}
