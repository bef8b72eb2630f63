package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sync/protocol"
	bolt "go.etcd.io/bbolt"
)

// Erase is real deletion of personal information (PIPL art. 47: delete
// when the retention period has expired or the purpose is achieved). A
// delete keeps values the user may want back (conflicts, a restore offer);
// an erase keeps nothing of the record but its kind and the time.

// OpErase is the outbox op of an erase (protocol.OpErase).
const OpErase Op = "erase"

// ErasedField is the Versions key of an erase change: its HLC stamp.
const ErasedField = protocol.ErasedKey

// bucketErased lists erased IDs: id → Erasure. A pulled or local write of
// an ID listed here is refused, so an erased record never comes back.
var bucketErased = []byte("erased")

// Erasure is the tombstone of an erased record. It holds no personal
// data: no field values, no name.
type Erasure struct {
	Kind     record.Kind `json:"kind"`
	ErasedAt time.Time   `json:"erased_at"`
	Stamp    string      `json:"stamp"`
}

// Erase removes a record's personal data for real: the stored value,
// every index entry, its search entry, the outbox changes that carry its
// values (an unsent create or update is replaced by the erase), its
// conflicts and its set-aside rejected changes. What is kept is a
// tombstone without values, and one outbox change with op "erase" that
// asks the server to do the same.
//
// Erasing an enterprise erases its contacts (the people) and keeps the
// enterprise itself, its visits, projects and tasks: an enterprise's
// name, credit code and site needs are not personal information (PIPL
// art. 4), and the zone's work on the lead stays on record. Deleting the
// enterprise is a separate, ordinary delete.
func (s *Store) Erase(ctx context.Context, id string) error {
	return s.write(ctx, func(w *writer) error {
		if _, err := w.tx.CreateBucketIfNotExists(bucketErased); err != nil {
			return fmt.Errorf("create erased bucket: %w", err)
		}
		rec, err := w.v.find(w.tx, id)
		if errors.Is(err, ErrNotFound) {
			// A deleted record may still hold values in its conflicts,
			// outbox or rejected changes.
			t, ok, terr := getTombstone(w.tx, id)
			if terr != nil || !ok {
				return errors.Join(err, terr)
			}
			if w.tx.Bucket(bucketErased).Get([]byte(id)) != nil {
				return nil // erased already
			}
			return w.erase(t.Kind, id, nil, "", true)
		}
		if err != nil {
			return err
		}
		if rec.Kind() != record.KindEnterprise {
			return w.erase(rec.Kind(), id, rec, "", true)
		}
		for _, key := range prefixKeys(w.tx.Bucket(bucketChildren), id+sep, "") {
			kind, childID, _ := cutKey(key)
			if record.Kind(kind) != record.KindContact {
				continue
			}
			child, err := w.v.load(w.tx, record.KindContact, childID)
			if err != nil {
				return fmt.Errorf("erase contacts of enterprise %s: %w", id, err)
			}
			if err := w.erase(record.KindContact, childID, child, "", true); err != nil {
				return err
			}
		}
		return nil
	})
}

// Erased reports whether id was erased on this device or by the server.
func (s *Store) Erased(ctx context.Context, id string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketErased); b != nil {
			ok = b.Get([]byte(id)) != nil
		}
		return nil
	})
	return ok, err
}

// erase removes one record (old may be nil when only its traces are
// left) and keeps its tombstone. stamp is the erase's HLC stamp, "" for
// a new one. queue adds the outbox change; a pulled erase is not queued.
func (w *writer) erase(kind record.Kind, id string, old record.Record, stamp string, queue bool) error {
	if old != nil {
		if err := w.v.reindex(w.tx, old, nil); err != nil {
			return err
		}
		if err := w.tx.Bucket(kindBucket(kind)).Delete([]byte(id)); err != nil {
			return fmt.Errorf("erase %s %s: %w", kind, id, err)
		}
	}
	w.removed = append(w.removed, id)
	if err := dropOutbox(w.tx, w.v, id); err != nil {
		return err
	}
	if err := dropConflicts(w.tx, id); err != nil {
		return err
	}
	if err := dropRejected(w.tx, w.v, id); err != nil {
		return err
	}
	// History holds field names only, but who changed a person's record
	// and when is itself about that person.
	if err := deleteHistory(w.tx, id); err != nil {
		return err
	}
	if err := dropRestoreOffer(w.tx, id); err != nil {
		return fmt.Errorf("erase restore offer of %s: %w", id, err)
	}
	if stamp == "" {
		stamp = w.s.clock.Now().String()
	}
	if err := putTombstone(w.tx, id, Tombstone{Kind: kind, DeletedAt: w.now, Stamp: stamp}); err != nil {
		return err
	}
	if err := putErasure(w.tx, id, Erasure{Kind: kind, ErasedAt: w.now, Stamp: stamp}); err != nil {
		return err
	}
	if !queue {
		return nil
	}
	return w.appendChange(Change{Kind: kind, RecordID: id, Op: OpErase, Versions: map[string]string{ErasedField: stamp}})
}

func putErasure(tx *bolt.Tx, id string, e Erasure) error {
	b, err := tx.CreateBucketIfNotExists(bucketErased)
	if err != nil {
		return fmt.Errorf("create erased bucket: %w", err)
	}
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encode erasure %s: %w", id, err)
	}
	if err := b.Put([]byte(id), data); err != nil {
		return fmt.Errorf("store erasure %s: %w", id, err)
	}
	return nil
}

// erasedID reports whether id is listed as erased.
func erasedID(tx *bolt.Tx, id string) bool {
	b := tx.Bucket(bucketErased)
	return b != nil && b.Get([]byte(id)) != nil
}

// recordIDKey starts the record ID in an outbox entry. A change's JSON
// (encodeChangeTail, or encoding/json on Change) writes record_id before
// fields, and inside a string value a quote is always escaped, so the
// first bare occurrence is the change's own.
var recordIDKey = []byte(`"record_id":"`)

// changeRecordID reads which record an outbox entry is about. An erase
// scans the whole outbox, which after an import holds one entry per
// record: the fast path finds the ID without decoding the values, and
// anything else (an escaped ID, another encoding) is decoded in full, so
// an entry it cannot read fails the erase rather than being skipped.
func changeRecordID(v []byte) (string, error) {
	if i := bytes.Index(v, recordIDKey); i >= 0 {
		rest := v[i+len(recordIDKey):]
		if j := bytes.IndexByte(rest, '"'); j >= 0 && bytes.IndexByte(rest[:j], '\\') < 0 {
			return string(rest[:j]), nil
		}
	}
	var ch struct {
		RecordID string `json:"record_id"`
	}
	err := json.Unmarshal(v, &ch)
	return ch.RecordID, err
}

// dropOutbox deletes every outbox entry about id: an unsent create or
// update holds its values, and an unsent delete is superseded by the
// erase queued after it.
func dropOutbox(tx *bolt.Tx, vt *vault, id string) error {
	return dropMatching(tx.Bucket(bucketOutbox), "outbox", func(k, v []byte) (bool, error) {
		plain, err := vt.open(bucketOutbox, k, v)
		if err != nil {
			return false, err
		}
		rid, err := changeRecordID(plain)
		return rid == id, err
	})
}

// dropRejected deletes the set-aside changes about id.
func dropRejected(tx *bolt.Tx, vt *vault, id string) error {
	return dropMatching(tx.Bucket(bucketRejected), "rejected", func(k, v []byte) (bool, error) {
		plain, err := vt.open(bucketRejected, k, v)
		if err != nil {
			return false, err
		}
		var r struct {
			Change struct {
				RecordID string `json:"record_id"`
			} `json:"change"`
		}
		err = json.Unmarshal(plain, &r)
		return r.Change.RecordID == id, err
	})
}

// dropConflicts deletes the conflicts of id (keys start with id + "/").
func dropConflicts(tx *bolt.Tx, id string) error {
	b := tx.Bucket(bucketConflicts)
	if b == nil {
		return nil
	}
	prefix := []byte(id + "/")
	var keys [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		keys = append(keys, bytes.Clone(k))
	}
	return deleteKeys(b, "conflicts", keys)
}

// dropMatching deletes the entries of b whose value match accepts. b may
// be nil (a bucket created on first use).
func dropMatching(b *bolt.Bucket, name string, match func(k, v []byte) (bool, error)) error {
	if b == nil {
		return nil
	}
	var keys [][]byte
	err := b.ForEach(func(k, v []byte) error {
		ok, err := match(k, v)
		if err != nil {
			return fmt.Errorf("%s entry %x: %w", name, k, err)
		}
		if ok {
			keys = append(keys, bytes.Clone(k))
		}
		return nil
	})
	if err != nil {
		return err
	}
	return deleteKeys(b, name, keys)
}

func deleteKeys(b *bolt.Bucket, name string, keys [][]byte) error {
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return fmt.Errorf("erase from %s %x: %w", name, k, err)
		}
	}
	return nil
}

// applyErase applies a pulled erase: the same removal as Erase, without
// queuing a change. A second pull of it changes nothing.
func (w *writer) applyErase(kind record.Kind, id string, old record.Record, stamp string) error {
	if old == nil && erasedID(w.tx, id) {
		return nil
	}
	return w.erase(kind, id, old, stamp, false)
}
