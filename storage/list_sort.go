package storage

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
)

// Sort orders the enterprises List returns.
type Sort string

// The orders of the enterprise list. SortID, the zero value, is creation
// order. Ties in the others fall back to ID order, so paging is stable.
const (
	SortID Sort = ""
	// SortName: by normalised name (record.NormalName), through idx_name;
	// enterprises whose name normalises to nothing come last.
	SortName Sort = "name"
	// SortUpdated: most recently changed first.
	SortUpdated Sort = "updated"
	// SortStage: in pipeline order (record.Stages), through idx_stage.
	SortStage Sort = "stage"
	// SortDue: the enterprise with the earliest open follow-up first;
	// enterprises with none come last, in ID order.
	SortDue Sort = "due"
)

// Sorts lists the orders other than SortID, as the list offers them.
var Sorts = []Sort{SortName, SortUpdated, SortStage, SortDue}

// ParseSort reads a sort name; "" and "id" are creation order.
func ParseSort(s string) (Sort, error) {
	if s == "" || s == "id" {
		return SortID, nil
	}
	if slices.Contains(Sorts, Sort(s)) {
		return Sort(s), nil
	}
	return "", fmt.Errorf("sort %q: must be one of name, updated, stage, due", s)
}

// eachSorted calls fn with enterprise IDs in opts.Sort order, starting
// after opts.After (an ID listed before in the same order), until fn
// returns false.
func eachSorted(tx *bolt.Tx, vt *vault, opts ListOptions, fn func(id string, data []byte) (bool, error)) error {
	var after record.Record
	if opts.After != "" {
		var err error
		if after, err = vt.load(tx, record.KindEnterprise, opts.After); err != nil {
			return fmt.Errorf("list after %s in %s order: %w", opts.After, opts.Sort, err)
		}
	}
	e, _ := after.(*record.Enterprise)
	switch opts.Sort {
	case SortName:
		return eachByName(tx, e, fn)
	case SortStage:
		return eachByStage(tx, opts.Stage, e, fn)
	case SortUpdated:
		return eachByUpdated(tx, e, fn)
	case SortDue:
		return eachByDue(tx, e, fn)
	}
	return fmt.Errorf("list: unknown sort %q", opts.Sort)
}

// yieldIDs calls fn with each ID until it returns false.
func yieldIDs(ids []string, fn func(id string, data []byte) (bool, error)) (bool, error) {
	for _, id := range ids {
		if more, err := fn(id, nil); err != nil || !more {
			return false, err
		}
	}
	return true, nil
}

// eachByName walks idx_name from after's key, then the enterprises that
// have no name key.
func eachByName(tx *bolt.Tx, after *record.Enterprise, fn func(string, []byte) (bool, error)) error {
	c := tx.Bucket(bucketName).Cursor()
	k, _ := c.First()
	if after != nil {
		n := record.NormalName(after.Name)
		if n == "" {
			return eachUnnamed(tx, after.ID, fn)
		}
		start := []byte(n + sep + after.ID)
		if k, _ = c.Seek(start); k != nil && bytes.Equal(k, start) {
			k, _ = c.Next()
		}
	}
	for ; k != nil; k, _ = c.Next() {
		_, id, ok := cutKey(string(k))
		if !ok {
			continue
		}
		if more, err := fn(id, nil); err != nil || !more {
			return err
		}
	}
	return eachUnnamed(tx, "", fn)
}

// eachUnnamed lists, in ID order after after, the enterprises idx_name
// does not hold. Only the last page of a name-sorted list reads it.
func eachUnnamed(tx *bolt.Tx, after string, fn func(string, []byte) (bool, error)) error {
	names := tx.Bucket(bucketName).Stats().KeyN
	ents := tx.Bucket(kindBucket(record.KindEnterprise))
	if names >= ents.Stats().KeyN {
		return nil
	}
	named := make(map[string]bool, names)
	_ = tx.Bucket(bucketName).ForEach(func(k, _ []byte) error {
		if _, id, ok := cutKey(string(k)); ok {
			named[id] = true
		}
		return nil
	})
	c := ents.Cursor()
	for k, v := c.Seek([]byte(after + "\x00")); k != nil; k, v = c.Next() {
		if named[string(k)] || (after != "" && string(k) <= after) {
			continue
		}
		if more, err := fn(string(k), v); err != nil || !more {
			return err
		}
	}
	return nil
}

// eachByStage walks idx_stage one stage at a time in pipeline order (only
// the filtered stage when one is set), then any stage this version does
// not know.
func eachByStage(tx *bolt.Tx, only record.Stage, after *record.Enterprise, fn func(string, []byte) (bool, error)) error {
	b := tx.Bucket(bucketStage)
	stages := record.Stages
	if only != "" {
		stages = []record.Stage{only}
	}
	started := after == nil
	for _, st := range stages {
		cursor := ""
		if !started {
			if st != after.Stage {
				continue
			}
			started, cursor = true, after.ID
		}
		if more, err := eachPrefix(b, string(st)+sep, cursor, fn); err != nil || !more {
			return err
		}
	}
	if only != "" {
		return nil
	}
	// Stages this version does not know (a newer client's) come last.
	c := b.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		st, id, ok := cutKey(string(k))
		if !ok || slices.Contains(record.Stages, record.Stage(st)) {
			continue
		}
		if !started {
			started = id == after.ID
			continue
		}
		if more, err := fn(id, nil); err != nil || !more {
			return err
		}
	}
	return nil
}

// eachPrefix calls fn with the rest of each key under prefix, after
// after, straight from the cursor (a stage can hold 100k keys; the first
// page needs 500 of them).
func eachPrefix(b *bolt.Bucket, prefix, after string, fn func(string, []byte) (bool, error)) (bool, error) {
	p := []byte(prefix)
	start := p
	if after != "" {
		start = []byte(prefix + after + "\x01")
	}
	c := b.Cursor()
	for k, _ := c.Seek(start); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
		if more, err := fn(string(k[len(p):]), nil); err != nil || !more {
			return false, err
		}
	}
	return true, nil
}

// updatedKey is one enterprise in the updated order: its ID (bbolt's
// bytes, valid for the transaction) and its update time.
type updatedKey struct {
	id []byte
	at int64 // Unix nanoseconds
}

// eachByUpdated reads every enterprise's updated_at straight from its
// stored JSON (no index holds it; decoding 100k records would cost ten
// times more), sorts the compact keys, newest first, and walks them.
func eachByUpdated(tx *bolt.Tx, after *record.Enterprise, fn func(string, []byte) (bool, error)) error {
	b := tx.Bucket(kindBucket(record.KindEnterprise))
	keys := make([]updatedKey, 0, b.Stats().KeyN)
	err := b.ForEach(func(k, v []byte) error {
		at, err := updatedAt(v)
		if err != nil {
			return fmt.Errorf("enterprise %s: %w", k, err)
		}
		keys = append(keys, updatedKey{k, at})
		return nil
	})
	if err != nil {
		return err
	}
	order := func(a, b updatedKey) int {
		if c := cmp.Compare(b.at, a.at); c != 0 {
			return c
		}
		return bytes.Compare(a.id, b.id)
	}
	slices.SortFunc(keys, order)
	start := 0
	if after != nil {
		at := updatedKey{[]byte(after.ID), after.UpdatedAt.UnixNano()}
		i, found := slices.BinarySearchFunc(keys, at, order)
		start = i
		if found {
			start++
		}
	}
	for _, k := range keys[start:] {
		if more, err := fn(string(k.id), nil); err != nil || !more {
			return err
		}
	}
	return nil
}

var (
	updatedField    = []byte(`"updated_at":"`)
	enterpriseField = []byte(`"enterprise_id":"`)
)

// stringField returns a "field":"value" of stored JSON when the value
// needs no unescaping (IDs and times never do); ok is false otherwise,
// and the caller decodes. last takes the last match: the versions map of
// Meta, written before the fields, has the same keys as the fields (not
// updated_at, which can take the much faster first match). A string value
// holding the text would have its quotes escaped, so cannot match.
func stringField(data, field []byte, last bool) (string, bool) {
	i := bytes.Index(data, field)
	if last {
		i = bytes.LastIndex(data, field)
	}
	if i < 0 {
		return "", false
	}
	rest := data[i+len(field):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 || bytes.IndexByte(rest[:j], '\\') >= 0 {
		return "", false
	}
	return string(rest[:j]), true
}

// taskEnterprise reads a stored task's enterprise_id without decoding
// the task: the due order reads every open task.
func taskEnterprise(data []byte) (string, error) {
	if id, ok := stringField(data, enterpriseField, true); ok && validID(id) {
		return id, nil
	}
	var t struct {
		EnterpriseID string `json:"enterprise_id"`
	}
	if err := json.Unmarshal(data, &t); err != nil {
		return "", fmt.Errorf("read enterprise_id: %w", err)
	}
	return t.EnterpriseID, nil
}

// updatedAt finds the top-level updated_at of a stored record (no
// nested object has that key); a record written some other way is
// decoded instead.
func updatedAt(data []byte) (int64, error) {
	if v, ok := stringField(data, updatedField, false); ok {
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return t.UnixNano(), nil
		}
	}
	var m record.Meta
	if err := json.Unmarshal(data, &m); err != nil {
		return 0, fmt.Errorf("read updated_at: %w", err)
	}
	return m.UpdatedAt.UnixNano(), nil
}

// eachByDue walks idx_due (open tasks, earliest first), listing each
// task's enterprise the first time it appears, then every enterprise
// without an open task in ID order.
func eachByDue(tx *bolt.Tx, after *record.Enterprise, fn func(string, []byte) (bool, error)) error {
	order, withDue, err := dueOrder(tx)
	if err != nil {
		return err
	}
	rest := ""
	if after != nil {
		if i := slices.Index(order, after.ID); i >= 0 {
			order = order[i+1:]
		} else {
			order, rest = nil, after.ID
		}
	}
	if more, err := yieldIDs(order, fn); err != nil || !more {
		return err
	}
	c := tx.Bucket(kindBucket(record.KindEnterprise)).Cursor()
	k, v := c.First()
	if rest != "" {
		if k, v = c.Seek([]byte(rest)); k != nil && string(k) == rest {
			k, v = c.Next()
		}
	}
	for ; k != nil; k, v = c.Next() {
		if withDue[string(k)] {
			continue
		}
		if more, err := fn(string(k), v); err != nil || !more {
			return err
		}
	}
	return nil
}

// dueOrder lists the enterprises with open tasks by their earliest due
// date (ties in ID order), and the same IDs as a set.
func dueOrder(tx *bolt.Tx) ([]string, map[string]bool, error) {
	tasks := tx.Bucket(kindBucket(record.KindTask))
	type due struct{ date, ent string }
	var dues []due
	seen := map[string]bool{}
	c := tx.Bucket(bucketDue).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		date, taskID, ok := cutKey(string(k))
		if !ok {
			continue
		}
		data := tasks.Get([]byte(taskID))
		if data == nil {
			continue
		}
		ent, err := taskEnterprise(data)
		if err != nil {
			return nil, nil, fmt.Errorf("task %s: %w", taskID, err)
		}
		if ent == "" || seen[ent] {
			continue
		}
		seen[ent] = true
		dues = append(dues, due{date, ent})
	}
	slices.SortStableFunc(dues, func(a, b due) int {
		return cmp.Or(cmp.Compare(a.date, b.date), cmp.Compare(a.ent, b.ent))
	})
	out := make([]string, len(dues))
	for i, d := range dues {
		out[i] = d.ent
	}
	return out, seen, nil
}
