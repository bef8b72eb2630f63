package storage

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
)

// List returns records of kind in ID (= creation) order, or enterprises
// in opts.Sort order, after opts.After, at most opts.Limit of them. Filters read their index instead of every
// record: Stage the stage index, Enterprise the children index, DueBefore
// the due index.
func (s *Store) List(ctx context.Context, kind record.Kind, opts ListOptions) ([]record.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := checkListOptions(kind, opts); err != nil {
		return nil, err
	}
	var out []record.Record
	err := s.db.View(func(tx *bolt.Tx) error {
		return eachCandidate(tx, s.vault, kind, opts, func(id string, data []byte) (bool, error) {
			if err := ctx.Err(); err != nil {
				return false, err
			}
			if data == nil {
				data = tx.Bucket(kindBucket(kind)).Get([]byte(id))
				if data == nil {
					return true, nil // index ahead of data would be a Doctor finding; skip here
				}
			}
			rec, err := s.vault.decode(kind, []byte(id), data)
			if err != nil {
				return false, fmt.Errorf("list %s %s: %w", kind, id, err)
			}
			if matches(rec, opts) {
				out = append(out, rec)
			}
			return opts.Limit <= 0 || len(out) < opts.Limit, nil
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkListOptions rejects filters that do not apply to kind.
func checkListOptions(kind record.Kind, opts ListOptions) error {
	switch {
	case !knownKind(kind):
		return fmt.Errorf("list: unknown kind %q", kind)
	case opts.Stage != "" && kind != record.KindEnterprise:
		return fmt.Errorf("list %s: the stage filter applies to enterprises only", kind)
	case opts.Enterprise != "" && kind == record.KindEnterprise:
		return fmt.Errorf("list %s: the enterprise filter applies to contacts, visits, projects and tasks", kind)
	case opts.DueBefore != "" && kind != record.KindTask:
		return fmt.Errorf("list %s: the due filter applies to tasks only", kind)
	case opts.Sort != SortID && kind != record.KindEnterprise:
		return fmt.Errorf("list %s: sort %q applies to enterprises only", kind, opts.Sort)
	case opts.Sort != SortID && !slices.Contains(Sorts, opts.Sort):
		return fmt.Errorf("list: unknown sort %q", opts.Sort)
	}
	return nil
}

// eachCandidate calls fn with the IDs (and, when read from the record
// bucket, the data) of records that may match, in ID order after
// opts.After, until fn returns false.
func eachCandidate(tx *bolt.Tx, vt *vault, kind record.Kind, opts ListOptions, fn func(id string, data []byte) (bool, error)) error {
	var ids []string
	switch {
	case opts.Sort != SortID:
		return eachSorted(tx, vt, opts, fn)
	case opts.Stage != "":
		ids = prefixKeys(tx.Bucket(bucketStage), string(opts.Stage)+sep, opts.After)
	case opts.Enterprise != "":
		ids = prefixKeys(tx.Bucket(bucketChildren), opts.Enterprise+sep+string(kind)+sep, opts.After)
	case opts.DueBefore != "":
		ids = dueIDs(tx, opts.DueBefore, opts.After)
	default:
		c := tx.Bucket(kindBucket(kind)).Cursor()
		k, v := c.First()
		if opts.After != "" {
			k, v = c.Seek([]byte(opts.After))
			if k != nil && string(k) == opts.After {
				k, v = c.Next()
			}
		}
		for ; k != nil; k, v = c.Next() {
			if more, err := fn(string(k), v); err != nil || !more {
				return err
			}
		}
		return nil
	}
	for _, id := range ids {
		if more, err := fn(id, nil); err != nil || !more {
			return err
		}
	}
	return nil
}

// dueIDs returns the open tasks due on or before the date, sorted by ID.
func dueIDs(tx *bolt.Tx, before, after string) []string {
	var ids []string
	limit := []byte(before + sep + "\xff")
	c := tx.Bucket(bucketDue).Cursor()
	for k, _ := c.First(); k != nil && bytes.Compare(k, limit) <= 0; k, _ = c.Next() {
		if _, id, ok := cutKey(string(k)); ok && id > after {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// matches applies every filter to a loaded record, so combined filters
// hold even though only one of them chose the index.
func matches(rec record.Record, opts ListOptions) bool {
	if c, ok := rec.(record.Child); ok && opts.Enterprise != "" && c.Parent() != opts.Enterprise {
		return false
	}
	switch r := rec.(type) {
	case *record.Enterprise:
		return opts.Stage == "" || r.Stage == opts.Stage
	case *record.Task:
		return opts.DueBefore == "" || (!r.Done && r.Due != "" && r.Due <= opts.DueBefore)
	}
	return true
}
