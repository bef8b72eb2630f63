package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sync/protocol"
	bolt "go.etcd.io/bbolt"
)

// Conflict is a value that lost a merge, with the value that won, for the
// user to review and flip.
type Conflict struct {
	protocol.Conflict
	// Current is the field's value now (null when the record is deleted
	// or the field empty); CurrentVersion its stamp.
	Current        json.RawMessage `json:"current"`
	CurrentVersion string          `json:"current_version,omitempty"`
	// Title names a deleted record of a restore offer (its name), which
	// can no longer be looked up.
	Title string `json:"title,omitempty"`
}

// Keep choices of Resolve.
const (
	KeepMine   = "mine"   // the losing value (the conflict's)
	KeepTheirs = "theirs" // the current value
)

// ErrConflictNotFound: Resolve was given an unknown conflict ID.
var ErrConflictNotFound = errors.New("conflict not found")

// replaceConflicts makes the record's stored conflicts exactly cs: the
// server's list is the record's whole open set.
func (v *vault) replaceConflicts(tx *bolt.Tx, recordID string, cs []protocol.Conflict) error {
	b := tx.Bucket(bucketConflicts)
	prefix := []byte(recordID + "/")
	var stale [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		stale = append(stale, bytes.Clone(k))
	}
	for _, k := range stale {
		if err := b.Delete(k); err != nil {
			return fmt.Errorf("drop conflict %s: %w", k, err)
		}
	}
	for _, cf := range cs {
		if err := v.putConflict(tx, cf); err != nil {
			return err
		}
	}
	return nil
}

func (v *vault) putConflict(tx *bolt.Tx, c protocol.Conflict) error {
	if c.ID == "" || !strings.HasPrefix(c.ID, c.RecordID+"/") {
		c.ID = c.RecordID + "/" + c.Field + "/" + c.Version
	}
	data, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("encode conflict %s: %w", c.ID, err)
	}
	data = v.seal(bucketConflicts, []byte(c.ID), record.Kind(c.Kind), data)
	if err := tx.Bucket(bucketConflicts).Put([]byte(c.ID), data); err != nil {
		return fmt.Errorf("store conflict %s: %w", c.ID, err)
	}
	return nil
}

// Conflicts lists the open conflicts, sorted by ID, with current values.
func (s *Store) Conflicts(ctx context.Context) ([]Conflict, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []Conflict
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketConflicts)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var c Conflict
			plain, err := s.vault.open(bucketConflicts, k, v)
			if err != nil {
				return fmt.Errorf("decode conflict %s: %w", k, err)
			}
			if err := json.Unmarshal(plain, &c.Conflict); err != nil {
				return fmt.Errorf("decode conflict %s: %w", k, err)
			}
			c.Current = json.RawMessage("null")
			if rec, err := s.vault.load(tx, record.Kind(c.Kind), c.RecordID); err == nil {
				if f, err := fieldsOf(rec); err == nil && f[c.Field] != nil {
					c.Current = f[c.Field]
				}
				c.CurrentVersion = rec.Header().Versions[c.Field]
			} else if o, ok, _ := getRestoreOffer(tx, s.vault, c.RecordID); ok {
				c.Title = stringOf(o.Fields["name"])
			}
			out = append(out, c)
			return nil
		})
	})
	return out, err
}

// ConflictCount counts the open conflicts.
func (s *Store) ConflictCount(ctx context.Context) (int, error) {
	return s.countBucket(ctx, bucketConflicts)
}

func (s *Store) countBucket(ctx context.Context, name []byte) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var n int
	err := s.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(name); b != nil {
			n = b.Stats().KeyN
		}
		return nil
	})
	return n, err
}

// Resolve settles a conflict: keep KeepMine (the losing value) or
// KeepTheirs (the current one). Either way it writes a normal local edit
// of the field with a fresh stamp and the current version as its base,
// so the choice syncs and covers the losing value on every replica. A
// restore offer (reason after_delete: an edit the deleter had not seen)
// is settled for the whole record: KeepMine restores it with the edited
// values, KeepTheirs keeps it deleted (see resolveDeleted).
func (s *Store) Resolve(ctx context.Context, id, keep string) error {
	if keep != KeepMine && keep != KeepTheirs {
		return fmt.Errorf("resolve %s: keep %q: want %q or %q", id, keep, KeepMine, KeepTheirs)
	}
	return s.write(ctx, func(w *writer) error {
		b := w.tx.Bucket(bucketConflicts)
		var c protocol.Conflict
		data := []byte(nil)
		if b != nil {
			data = b.Get([]byte(id))
		}
		if data == nil {
			return fmt.Errorf("resolve %s: %w", id, ErrConflictNotFound)
		}
		data, err := w.v.open(bucketConflicts, []byte(id), data)
		if err != nil {
			return fmt.Errorf("resolve %s: %w", id, err)
		}
		if err := json.Unmarshal(data, &c); err != nil {
			return fmt.Errorf("resolve %s: decode: %w", id, err)
		}
		if c.Reason == protocol.ReasonAfterDelete {
			return w.resolveDeleted(c, keep)
		}
		return w.resolveField(c, keep)
	})
}

// resolveField writes the chosen value of c's field as a new edit and
// drops the field's conflicts, which the edit covers.
func (w *writer) resolveField(c protocol.Conflict, keep string) error {
	old, err := w.v.load(w.tx, record.Kind(c.Kind), c.RecordID)
	if err != nil {
		return fmt.Errorf("resolve %s: %w", c.ID, err)
	}
	oldF, err := fieldsOf(old)
	if err != nil {
		return err
	}
	value := valueOr(oldF[c.Field])
	if keep == KeepMine {
		value = valueOr(c.Value)
	}
	cur, err := applyPatch(old, map[string]json.RawMessage{c.Field: value})
	if err != nil {
		return fmt.Errorf("resolve %s: %w", c.ID, err)
	}
	oh, h := old.Header(), cur.Header()
	stamp := w.s.clock.Now().String()
	h.UpdatedAt, h.Author = w.now, w.s.author
	h.Versions = make(map[string]string, len(oh.Versions)+1)
	for k, v := range oh.Versions {
		h.Versions[k] = v
	}
	h.Versions[c.Field] = stamp
	change := Change{Kind: cur.Kind(), RecordID: c.RecordID, Op: OpPut,
		Fields: map[string]json.RawMessage{c.Field: value}, Versions: map[string]string{c.Field: stamp}}
	if base := oh.Versions[c.Field]; base != "" {
		change.Bases = map[string]string{c.Field: base}
	}
	if err := w.put(old, cur); err != nil {
		return err
	}
	if err := dropFieldConflicts(w.tx, c.RecordID, c.Field); err != nil {
		return err
	}
	if err := w.addLocalHistory(old, cur, HistoryUpdate, []string{c.Field}); err != nil {
		return err
	}
	return w.appendChange(change)
}

func dropFieldConflicts(tx *bolt.Tx, recordID, field string) error {
	b := tx.Bucket(bucketConflicts)
	prefix := []byte(recordID + "/" + field + "/")
	var keys [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		keys = append(keys, bytes.Clone(k))
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return fmt.Errorf("drop conflict %s: %w", k, err)
		}
	}
	return nil
}
