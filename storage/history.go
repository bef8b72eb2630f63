package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
)

// bucketHistory holds one entry per change of a stored record, keyed
// record ID sep seq (8 bytes, big-endian), so one record's entries are
// together and in order. It is created by the first write that needs it
// (stores written before it have none, which History tells from Meta).
var bucketHistory = []byte("history")

// HistoryOp is what a history entry records.
type HistoryOp string

// History operations.
const (
	HistoryCreate HistoryOp = "create" // made on this device
	HistoryUpdate HistoryOp = "update" // edited on this device
	HistoryDelete HistoryOp = "delete" // deleted here or, by sync, elsewhere
	HistoryMerge  HistoryOp = "merge"  // changed elsewhere, arrived by sync
	// HistoryRestore: a record deleted here came back by sync (restored
	// on the server).
	HistoryRestore HistoryOp = "restore"
)

// HistoryEntry is one change of a record: when, who, on which device,
// what kind of change and which fields. It holds field names only, never
// values: history must not copy personal data (contacts and visit notes
// are sealed at rest; an entry would leak them).
type HistoryEntry struct {
	At     time.Time   `json:"at"`
	Author string      `json:"author,omitempty"` // "" when not known (a change from before history, a server that sends none)
	Node   string      `json:"node,omitempty"`   // the device, as in HLC stamps
	Op     HistoryOp   `json:"op"`
	Kind   record.Kind `json:"kind"`
	Fields []string    `json:"fields,omitempty"` // JSON field names, sorted
	// Inferred marks an entry made up from the record's Meta because no
	// entry was written at the time (a bulk create or import, a pull, a
	// store from before history).
	Inferred bool `json:"inferred,omitempty"`
}

// History returns the changes of the record with this ID, oldest first.
// Bulk creates, imports and pulls write no entry for a new record (a
// 100k import must stay fast); its creation is then inferred from its
// Meta. A deleted record keeps its history; a record with neither data
// nor history is ErrNotFound.
func (s *Store) History(ctx context.Context, id string) ([]HistoryEntry, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []HistoryEntry
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if out, err = readHistory(tx, id); err != nil {
			return err
		}
		if len(out) > 0 {
			return nil
		}
		rec, err := s.vault.find(tx, id)
		if err != nil {
			return fmt.Errorf("history of %s: %w", id, err)
		}
		out = baseline(rec)
		return nil
	})
	return out, err
}

// readHistory decodes the stored entries of one record.
func readHistory(tx *bolt.Tx, id string) ([]HistoryEntry, error) {
	b := tx.Bucket(bucketHistory)
	if b == nil {
		return nil, nil
	}
	var out []HistoryEntry
	prefix := []byte(id + sep)
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var e HistoryEntry
		if err := json.Unmarshal(v, &e); err != nil {
			return nil, fmt.Errorf("history of %s: entry %x: %w", id, k[len(prefix):], err)
		}
		out = append(out, e)
	}
	return out, nil
}

// baseline is what a record's Meta tells of its past when no entry was
// written: its creation, by the last author when nothing changed since,
// and otherwise its last change by that author, fields unknown.
func baseline(rec record.Record) []HistoryEntry {
	h := rec.Header()
	created := HistoryEntry{At: h.CreatedAt, Op: HistoryCreate, Kind: rec.Kind(), Inferred: true}
	if !h.UpdatedAt.After(h.CreatedAt) {
		created.Author = h.Author
		return []HistoryEntry{created}
	}
	return []HistoryEntry{created, {At: h.UpdatedAt, Author: h.Author, Op: HistoryUpdate, Kind: rec.Kind(), Inferred: true}}
}

// addHistory appends an entry for the record id in the write's
// transaction. old is the record before the change (nil for a create):
// when it has no entries yet, its baseline is written first, so the
// story starts with its creation.
func (w *writer) addHistory(id string, old record.Record, e HistoryEntry) error {
	b, err := w.tx.CreateBucketIfNotExists(bucketHistory)
	if err != nil {
		return fmt.Errorf("create history bucket: %w", err)
	}
	entries := []HistoryEntry{e}
	if old != nil {
		prefix := []byte(id + sep)
		if k, _ := b.Cursor().Seek(prefix); k == nil || !bytes.HasPrefix(k, prefix) {
			entries = append(baseline(old), e)
		}
	}
	for _, e := range entries {
		seq, err := b.NextSequence()
		if err != nil {
			return fmt.Errorf("history sequence: %w", err)
		}
		data, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("encode history of %s: %w", id, err)
		}
		key := binary.BigEndian.AppendUint64([]byte(id+sep), seq)
		if err := b.Put(key, data); err != nil {
			return fmt.Errorf("history of %s: %w", id, err)
		}
	}
	return nil
}

// addLocalHistory records a change made on this device by this store's
// author.
func (w *writer) addLocalHistory(old, cur record.Record, op HistoryOp, fields []string) error {
	rec := cur
	if rec == nil {
		rec = old
	}
	return w.addHistory(rec.Header().ID, old, HistoryEntry{At: w.now, Author: w.s.author, Node: w.s.node,
		Op: op, Kind: rec.Kind(), Fields: sortedCopy(fields)})
}

// addRemoteHistory records a change that arrived by sync: the fields
// whose version moved, by the author the server names (if any) on the
// device of the newest stamp. A pulled record new to this store writes
// nothing (an initial pull of 100k records must stay fast), unless it
// comes back from a local delete.
func (w *writer) addRemoteHistory(kind record.Kind, id string, old, cur record.Record, op HistoryOp, author string) error {
	var fields []string
	var newest string
	if cur != nil {
		var oldV map[string]string
		if old != nil {
			oldV = old.Header().Versions
		}
		for f, v := range cur.Header().Versions {
			if oldV[f] != v {
				fields = append(fields, f)
				if compareStamps(v, newest) > 0 {
					newest = v
				}
			}
		}
		if op == HistoryMerge && len(fields) == 0 {
			return nil // nothing changed here (a page applied twice)
		}
	}
	e := HistoryEntry{At: w.now, Author: author, Op: op, Kind: kind, Fields: sortedCopy(fields)}
	if st, err := hlc.Parse(newest); err == nil {
		e.Node = st.Node
		if st.Wall > 0 && st.Wall <= maxWall { // a damaged stamp is not a date; keep the time it arrived
			e.At = time.UnixMilli(st.Wall).UTC()
		}
	}
	return w.addHistory(id, old, e)
}

func sortedCopy(fields []string) []string {
	if len(fields) == 0 {
		return nil
	}
	return slices.Sorted(slices.Values(fields))
}

// deleteHistory removes every entry of one record. It is for a real
// deletion (erase): a tombstone keeps no personal data, and neither may
// the history say more than that the record existed.
func deleteHistory(tx *bolt.Tx, id string) error {
	b := tx.Bucket(bucketHistory)
	if b == nil {
		return nil
	}
	prefix := []byte(id + sep)
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return fmt.Errorf("delete history of %s: %w", id, err)
		}
	}
	return nil
}
