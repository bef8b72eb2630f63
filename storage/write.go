package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"time"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
)

// errNoChange rolls back a write that turned out to change nothing, so a
// no-op edit costs no commit and leaves no outbox entry.
var errNoChange = errors.New("no change")

// writer is one write transaction: the record, its indexes, the outbox and
// the clock change together, and the search index follows after commit.
type writer struct {
	s       *Store
	v       *vault // s.vault, for short
	tx      *bolt.Tx
	now     time.Time
	touched []record.Record // to put into the search index after commit
	removed []string        // to remove from the search index after commit
	// batch, when set, defers index writes to the end of a bulk create.
	batch *indexBatch
}

// write runs fn in one bbolt transaction, saves the clock with it, and
// brings the search index up to date once the commit has succeeded.
func (s *Store) write(ctx context.Context, fn func(w *writer) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	w := &writer{s: s, v: s.vault, now: s.now().UTC()}
	err := s.db.Update(func(tx *bolt.Tx) error {
		w.tx = tx
		appendOnly(tx)
		if err := fn(w); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(metaClock, []byte(s.clock.Last().String()))
	})
	if errors.Is(err, errNoChange) {
		return nil
	}
	if err != nil {
		return err
	}
	s.searchApply(w.touched, w.removed)
	return nil
}

// appendOnly packs pages full in the buckets whose keys only grow (new
// records get ever larger ULIDs, the outbox ever larger seqs): bbolt's default of half-full
// pages suits random inserts and would double the file here.
func appendOnly(tx *bolt.Tx) {
	for _, k := range record.Kinds {
		if b := tx.Bucket(kindBucket(k)); b != nil {
			b.FillPercent = 1.0
		}
	}
	if b := tx.Bucket(bucketOutbox); b != nil {
		b.FillPercent = 1.0
	}
}

// validRecord reports whether rec is a non-nil record of a known kind.
func validRecord(rec record.Record) bool {
	v := reflect.ValueOf(rec)
	return v.IsValid() && !(v.Kind() == reflect.Pointer && v.IsNil()) && knownKind(rec.Kind())
}

func errNoRecord(rec record.Record) error {
	return fmt.Errorf("store record: no record or unknown record type %T", rec)
}

// prepare normalises and validates rec; blocking problems come back as a
// *record.ValidationError.
func prepare(rec record.Record) error {
	if !validRecord(rec) {
		return errNoRecord(rec)
	}
	record.Normalize(rec)
	if errs := rec.Validate().Errors(); len(errs) > 0 {
		return &record.ValidationError{Kind: rec.Kind(), Problems: errs}
	}
	return nil
}

// Create stores a new record: it is normalised and validated, gets a new
// ID (unless it carries an unused ULID, as imports may), times, author and
// a version stamp on every field that has a value, and is indexed and
// written to the outbox in the same transaction.
func (s *Store) Create(ctx context.Context, rec record.Record) error {
	if err := prepare(rec); err != nil {
		return err
	}
	saved := *rec.Header()
	err := s.createAll(ctx, []record.Record{rec}, true, false, func(_ int, err error) error { return err })
	if err != nil {
		*rec.Header() = saved // nothing was stored, so no ID either
	}
	return err
}

// newRecord is a prepared record with its meta assigned and its bytes
// encoded, ready to insert.
type newRecord struct {
	rec     record.Record
	data    []byte       // the record's JSON
	change  []byte       // its outbox change's JSON after the seq (see encodeChangeTail)
	entries []indexEntry // its index keys (record.NormalName is not cheap)
}

// createAll stores records in one transaction. Meta is assigned in order
// first (IDs and stamps must increase). Then preparing (when asked) and
// encoding, the bulk of the CPU work, run on other goroutines in blocks
// while this one inserts the blocks already encoded, in order. wrap adds
// the record's position to an error.
func (s *Store) createAll(ctx context.Context, recs []record.Record, prepared, keep bool, wrap func(i int, err error) error) error {
	c, err := s.startCreates(recs, prepared, keep, wrap)
	if err != nil {
		return err
	}
	defer c.enc.stop()
	return s.write(ctx, func(w *writer) error {
		w.now = c.now
		return w.insertCreates(ctx, c)
	})
}

// pendingCreates are new records being prepared and encoded in the
// background, ready for insertCreates.
type pendingCreates struct {
	now  time.Time
	news []newRecord
	enc  *encoding
	wrap func(i int, err error) error
}

// startCreates assigns Meta to recs in order and starts preparing (unless
// prepared) and encoding them; the caller stops c.enc when done.
func (s *Store) startCreates(recs []record.Record, prepared, keep bool, wrap func(i int, err error) error) (*pendingCreates, error) {
	c := &pendingCreates{now: s.now().UTC(), news: make([]newRecord, len(recs)), wrap: wrap}
	stamps := make([]string, len(recs))
	mids := make([]string, len(recs))
	for i, rec := range recs {
		if !prepared && !validRecord(rec) {
			return nil, wrap(i, errNoRecord(rec))
		}
		var err error
		if stamps[i], mids[i], err = s.assignMeta(rec, c.now, keep); err != nil {
			return nil, wrap(i, err)
		}
	}
	c.enc = startEncoding(len(recs), func(i int) error {
		if !prepared {
			if err := prepare(recs[i]); err != nil {
				return wrap(i, err)
			}
		}
		var err error
		if c.news[i], err = encodeNew(s.vault, recs[i], stamps[i], mids[i], c.now, s.author, keep); err != nil {
			return wrap(i, err)
		}
		return nil
	})
	return c, nil
}

// insertCreates inserts the encoded records in order as their blocks
// become ready, then writes their index entries sorted (see indexBatch).
func (w *writer) insertCreates(ctx context.Context, c *pendingCreates) error {
	w.batch = &indexBatch{}
	defer func() { w.batch = nil }()
	for i := range c.news {
		if i%encodeBlock == 0 {
			if err := c.enc.wait(i / encodeBlock); err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := w.insert(c.news[i]); err != nil {
			return c.wrap(i, err)
		}
	}
	if len(c.news) == 1 {
		// One record made by hand gets a history entry; a bulk create's
		// records rely on their Meta (see History), to stay fast.
		rec := c.news[0].rec
		fields := slices.Collect(maps.Keys(rec.Header().Versions))
		if err := w.addLocalHistory(nil, rec, HistoryCreate, fields); err != nil {
			return err
		}
	}
	return w.batch.flush(w.tx)
}

// assignMeta gives a new record its ID (unless it has one), times and
// author, and returns the stamp for its fields and its change's mutation ID.
func (s *Store) assignMeta(rec record.Record, now time.Time, keep bool) (stamp, mutationID string, err error) {
	h := rec.Header()
	if keep {
		if err := s.observeVersions(h); err != nil {
			return "", "", fmt.Errorf("create %s %s: %w", rec.Kind(), h.ID, err)
		}
	}
	if h.ID == "" {
		if h.ID, err = s.ids.next(now); err != nil {
			return "", "", err
		}
	} else if !validID(h.ID) {
		return "", "", fmt.Errorf("create %s: id %q is not a ULID", rec.Kind(), h.ID)
	}
	keepMeta(h, now, s.author, keep)
	mutationID, err = s.ids.next(now)
	if err != nil {
		return "", "", err
	}
	return s.clock.Now().String(), mutationID, nil
}

// keepMeta sets a new record's times and author, keeping those it carries
// when keep is set.
func keepMeta(h *record.Meta, now time.Time, author string, keep bool) {
	if !keep || h.CreatedAt.IsZero() {
		h.CreatedAt = now
	}
	if !keep || h.UpdatedAt.IsZero() {
		h.UpdatedAt = h.CreatedAt
	}
	if !keep || h.Author == "" {
		h.Author = author
	}
}

// observeVersions moves the clock past every version a record carries, and
// rejects versions that are not HLC stamps.
func (s *Store) observeVersions(h *record.Meta) error {
	for field, v := range h.Versions {
		st, err := hlc.Parse(v)
		if err != nil {
			return fmt.Errorf("version of %s: %w", field, err)
		}
		s.clock.Observe(st)
	}
	return nil
}

// encodeNew stamps every field that has a value and encodes the record and
// its change. It touches only rec, so records encode in parallel.
func encodeNew(vt *vault, rec record.Record, stamp, mutationID string, now time.Time, author string, keep bool) (newRecord, error) {
	fields, err := presentFields(rec)
	if err != nil {
		return newRecord{}, err
	}
	h := rec.Header()
	kept := h.Versions
	h.Versions = make(map[string]string, len(fields))
	for k := range fields {
		h.Versions[k] = stamp
		if v, ok := kept[k]; ok && keep {
			h.Versions[k] = v
		}
	}
	data, err := vt.encode(rec)
	if err != nil {
		return newRecord{}, err
	}
	tail, err := encodeChangeTail(Change{MutationID: mutationID, Kind: rec.Kind(), RecordID: h.ID, Op: OpPut,
		Fields: fields, Versions: h.Versions, At: now, Author: author})
	if err != nil {
		return newRecord{}, err
	}
	return newRecord{rec: rec, data: data, change: tail, entries: vt.indexEntries(rec)}, nil
}

// insert writes an encoded new record, its indexes and its change.
func (w *writer) insert(n newRecord) error {
	rec, id := n.rec, n.rec.Header().ID
	if w.tx.Bucket(kindBucket(rec.Kind())).Get([]byte(id)) != nil || w.tx.Bucket(bucketTombstones).Get([]byte(id)) != nil {
		return fmt.Errorf("create %s: id %s already used", rec.Kind(), id)
	}
	if err := w.checkRefs(rec); err != nil {
		return err
	}
	if err := w.tx.Bucket(kindBucket(rec.Kind())).Put([]byte(id), n.data); err != nil {
		return fmt.Errorf("store %s %s: %w", rec.Kind(), id, err)
	}
	if w.batch != nil {
		if err := w.batch.add(rec, n.entries); err != nil {
			return fmt.Errorf("enterprise: %w", err)
		}
	} else if err := putIndexes(w.tx, n.entries); err != nil {
		return err
	}
	w.touched = append(w.touched, rec)
	return w.appendChangeTail(rec.Kind(), n.change)
}

// checkRefs enforces the parent link and credit-code uniqueness.
func (w *writer) checkRefs(rec record.Record) error {
	if err := checkParent(w.tx, rec); err != nil {
		return err
	}
	if e, ok := rec.(*record.Enterprise); ok {
		if err := checkUnique(w.tx, e); err != nil {
			return fmt.Errorf("enterprise %q: %w", e.Name, err)
		}
	}
	return nil
}

// put stores cur, replacing old (nil for a new record), with its indexes.
func (w *writer) put(old, cur record.Record) error {
	data, err := w.v.encode(cur)
	if err != nil {
		return err
	}
	if err := w.tx.Bucket(kindBucket(cur.Kind())).Put([]byte(cur.Header().ID), data); err != nil {
		return fmt.Errorf("store %s %s: %w", cur.Kind(), cur.Header().ID, err)
	}
	if err := w.v.reindex(w.tx, old, cur); err != nil {
		return err
	}
	w.touched = append(w.touched, cur)
	return nil
}

// Update replaces a stored record by rec (matched by ID and kind). Only
// fields whose value changed get a new version and go to the outbox; an
// edit that changes nothing writes nothing.
func (s *Store) Update(ctx context.Context, rec record.Record) error {
	if err := prepare(rec); err != nil {
		return err
	}
	return s.write(ctx, func(w *writer) error {
		old, err := w.v.load(w.tx, rec.Kind(), rec.Header().ID)
		if err != nil {
			return err
		}
		return w.update(old, rec)
	})
}

// Patch changes only the named fields of a stored record (JSON values; null
// clears a field) and returns the record as stored.
func (s *Store) Patch(ctx context.Context, kind record.Kind, id string, fields map[string]json.RawMessage) (record.Record, error) {
	if !knownKind(kind) {
		return nil, fmt.Errorf("patch: unknown kind %q", kind)
	}
	var result record.Record
	err := s.write(ctx, func(w *writer) error {
		old, err := w.v.load(w.tx, kind, id)
		if err != nil {
			return err
		}
		cur, err := applyPatch(old, fields)
		if err != nil {
			return err
		}
		if err := prepare(cur); err != nil {
			return err
		}
		result = cur
		err = w.update(old, cur)
		if errors.Is(err, errNoChange) {
			result = old
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return result, nil
}

// update writes cur over old, stamping and sending only changed fields.
func (w *writer) update(old, cur record.Record) error {
	oldF, err := fieldsOf(old)
	if err != nil {
		return err
	}
	curF, err := fieldsOf(cur)
	if err != nil {
		return err
	}
	changed := changedFields(oldF, curF)
	if len(changed) == 0 {
		return errNoChange
	}
	oh, h := old.Header(), cur.Header()
	h.ID, h.CreatedAt, h.UpdatedAt, h.Author = oh.ID, oh.CreatedAt, w.now, w.s.author
	if err := w.checkRefs(cur); err != nil {
		return err
	}
	stamp := w.s.clock.Now().String()
	h.Versions = maps.Clone(oh.Versions)
	if h.Versions == nil {
		h.Versions = map[string]string{}
	}
	change := Change{Kind: cur.Kind(), RecordID: h.ID, Op: OpPut,
		Fields: make(map[string]json.RawMessage, len(changed)), Versions: make(map[string]string, len(changed))}
	for _, f := range changed {
		if base, ok := oh.Versions[f]; ok {
			if change.Bases == nil {
				change.Bases = map[string]string{}
			}
			change.Bases[f] = base
		}
		h.Versions[f] = stamp
		change.Versions[f] = stamp
		change.Fields[f] = curF[f]
		if curF[f] == nil {
			change.Fields[f] = json.RawMessage("null")
		}
	}
	if err := w.put(old, cur); err != nil {
		return err
	}
	if err := w.addLocalHistory(old, cur, HistoryUpdate, changed); err != nil {
		return err
	}
	return w.appendChange(change)
}

// Delete removes a record. Deleting an enterprise deletes its contacts,
// visits, projects and tasks too, each with its own outbox change and
// tombstone.
func (s *Store) Delete(ctx context.Context, id string) error {
	return s.write(ctx, func(w *writer) error {
		rec, err := w.v.find(w.tx, id)
		if err != nil {
			return err
		}
		// One stamp for the enterprise and its children: the server
		// restores the children deleted with an enterprise when the
		// enterprise is restored, and knows them by this stamp.
		stamp := w.s.clock.Now().String()
		if rec.Kind() == record.KindEnterprise {
			for _, key := range prefixKeys(w.tx.Bucket(bucketChildren), id+sep, "") {
				kind, childID, _ := cutKey(key)
				child, err := w.v.load(w.tx, record.Kind(kind), childID)
				if err != nil {
					return fmt.Errorf("delete enterprise %s: child: %w", id, err)
				}
				if err := w.removeAt(child, stamp); err != nil {
					return err
				}
			}
		}
		return w.removeAt(rec, stamp)
	})
}

// remove deletes one record, its indexes, and leaves a tombstone and an
// outbox change.
func (w *writer) remove(rec record.Record) error {
	return w.removeAt(rec, w.s.clock.Now().String())
}

// removeAt is remove with the delete's stamp given. The change carries
// the record's versions as bases: an edit beyond them had not reached
// this copy, so the server offers it as a restore (protocol §5).
func (w *writer) removeAt(rec record.Record, stamp string) error {
	id := rec.Header().ID
	if err := w.v.reindex(w.tx, rec, nil); err != nil {
		return err
	}
	if err := w.tx.Bucket(kindBucket(rec.Kind())).Delete([]byte(id)); err != nil {
		return fmt.Errorf("delete %s %s: %w", rec.Kind(), id, err)
	}
	if err := putTombstone(w.tx, id, Tombstone{Kind: rec.Kind(), DeletedAt: w.now, Stamp: stamp}); err != nil {
		return err
	}
	w.removed = append(w.removed, id)
	if err := w.addLocalHistory(rec, nil, HistoryDelete, nil); err != nil {
		return err
	}
	return w.appendChange(Change{Kind: rec.Kind(), RecordID: id, Op: OpDelete,
		Versions: map[string]string{DeletedField: stamp}, Bases: maps.Clone(rec.Header().Versions)})
}
