package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/oklog/ulid/v2"
	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sync/protocol"
	bolt "go.etcd.io/bbolt"
)

// pendingRecord is what the outbox still holds for one record: the
// fields with unsent edits and whether a delete is waiting.
type pendingRecord struct {
	fields   map[string]bool
	deleted  bool
	restored bool // a restore is waiting: the pulled tombstone is stale
}

// pendingByRecord reads the outbox once per page: fields with unsent
// edits keep their local value when a pulled page arrives.
func pendingByRecord(tx *bolt.Tx, vt *vault) (map[string]*pendingRecord, error) {
	out := map[string]*pendingRecord{}
	err := tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
		ch, err := vt.decodeChange(bucketOutbox, k, v)
		if err != nil {
			return err
		}
		p := out[ch.RecordID]
		if p == nil {
			p = &pendingRecord{fields: map[string]bool{}}
			out[ch.RecordID] = p
		}
		switch ch.Op {
		case OpDelete:
			p.deleted, p.restored = true, false
		case OpRestore:
			p.deleted, p.restored = false, true
		}
		for f := range ch.Fields {
			p.fields[f] = true
		}
		return nil
	})
	return out, err
}

// ApplyRemote applies one pulled page and stores its cursor in the same
// transaction, so a crash repeats at most this page (applying it twice is
// harmless). Remote data is not a local change: it writes no outbox entry,
// but indexes and the search index follow it. Every remote stamp moves the
// clock, so later local edits order after what was seen.
func (s *Store) ApplyRemote(ctx context.Context, page []protocol.Record, cursor uint64) error {
	return s.ApplyPrepared(ctx, s.PreparePage(page), cursor)
}

// PreparedPage is a pulled page with its new records decoded ahead of
// the transaction that applies it (PreparePage).
type PreparedPage struct {
	records []protocol.Record
	built   []prebuilt
}

// PreparePage decodes the records of a pulled page, without touching the
// store, so that a client can prepare the next page while the previous
// one is being written (bbolt has one writer; decoding is most of an
// initial pull's CPU). The result is only a head start: ApplyPrepared
// still merges every record the store already holds inside its
// transaction.
func (s *Store) PreparePage(page []protocol.Record) *PreparedPage {
	return &PreparedPage{records: page, built: prebuild(page, s.log)}
}

// ApplyPrepared is ApplyRemote for a page prepared with PreparePage.
func (s *Store) ApplyPrepared(ctx context.Context, pp *PreparedPage, cursor uint64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	page, built := pp.records, pp.built
	// s.write drops a transaction that wrote nothing; a page always moves
	// the cursor, so it always commits.
	return s.write(ctx, func(w *writer) error {
		if _, err := w.tx.CreateBucketIfNotExists(bucketConflicts); err != nil {
			return fmt.Errorf("create conflicts bucket: %w", err)
		}
		if _, err := w.tx.CreateBucketIfNotExists(bucketRestoreOffers); err != nil {
			return fmt.Errorf("create restore offers bucket: %w", err)
		}
		pending, err := pendingByRecord(w.tx, w.v)
		if err != nil {
			return err
		}
		unseen := w.tx.Bucket(bucketResetUnseen) // a re-download is in progress
		for i, r := range page {
			p := pending[r.ID]
			if unseen != nil && unseen.Get([]byte(r.ID)) != nil {
				if p, err = w.keepLostFields(r, p); err != nil {
					return fmt.Errorf("apply pulled %s %s: %w", r.Kind, r.ID, err)
				}
			}
			if err := w.applyRemote(r, p, built[i]); err != nil {
				return fmt.Errorf("apply pulled %s %s: %w", r.Kind, r.ID, err)
			}
		}
		if err := markSeen(w.tx, page); err != nil {
			return err
		}
		st, err := readSyncState(w.tx)
		if err != nil {
			return err
		}
		st.Cursor = cursor
		return writeSyncState(w.tx, st)
	})
}

// applyRemote applies one pulled record.
func (w *writer) applyRemote(r protocol.Record, p *pendingRecord, pre prebuilt) error {
	kind := record.Kind(r.Kind)
	if !knownKind(kind) {
		w.s.log.Warn("pulled record of unknown kind skipped", "kind", r.Kind, "id", r.ID)
		return nil
	}
	w.observe(r, pre)
	old, err := w.v.load(w.tx, kind, r.ID)
	if errors.Is(err, ErrNotFound) {
		old, err = nil, nil
	}
	if err != nil {
		return err
	}
	if r.Erased != "" {
		return w.applyErase(kind, r.ID, old, r.Erased)
	}
	if erasedID(w.tx, r.ID) {
		return nil // erased here: nothing pulled brings it back
	}
	conflicts := r.Conflicts
	if r.Removed {
		conflicts = nil
	}
	if p != nil && p.restored && r.Deleted != "" {
		// The user restored it here; the server learns it on the next push.
		return w.v.replaceConflicts(w.tx, r.ID, withoutAfterDelete(conflicts))
	}
	if err := w.v.replaceConflicts(w.tx, r.ID, conflicts); err != nil {
		return err
	}
	if err := keepRestoreOffer(w.tx, w.v, r); err != nil {
		return err
	}
	if r.Removed || r.Deleted != "" {
		if old != nil && r.Deleted != "" {
			if err := w.addRemoteHistory(kind, r.ID, old, nil, HistoryDelete, r.Author); err != nil {
				return err
			}
		}
		return w.removeRemote(kind, r.ID, old, r.Deleted)
	}
	if p != nil && p.deleted && old == nil {
		return nil // the local delete is on its way; the server decides
	}
	cur, data, entries, local := pre.rec, pre.data, pre.entries, []protocol.Conflict(nil)
	if old != nil || p != nil || cur == nil {
		if cur, data, local, err = w.mergeRemote(kind, r, old, p); err != nil {
			return err
		}
		entries = nil // cur is not the prebuilt record
	}
	for _, c := range local {
		if err := w.v.putConflict(w.tx, c); err != nil {
			return err
		}
	}
	op := HistoryMerge
	if old == nil {
		// Alive on the server: a local tombstone without a pending delete
		// was undone by a restore.
		op = ""
		if tombs := w.tx.Bucket(bucketTombstones); tombs.Get([]byte(r.ID)) != nil {
			op = HistoryRestore
			if err := tombs.Delete([]byte(r.ID)); err != nil {
				return fmt.Errorf("clear tombstone %s: %w", r.ID, err)
			}
		}
	}
	if op != "" {
		if err := w.addRemoteHistory(kind, r.ID, old, cur, op, r.Author); err != nil {
			return err
		}
	}
	return w.putRemote(old, cur, data, entries)
}

// prebuilt is a pulled record decoded ahead of its transaction, as
// mergeRemote builds it for a record this store does not have yet.
type prebuilt struct {
	rec  record.Record
	data []byte
	// entries are rec's index entries when they do not depend on the
	// vault (enterprises; a contact's mobile key does), else nil.
	entries []indexEntry
	// latest is the newest stamp of the record (latestStamp), which the
	// clock observes; stamped says latest was computed.
	latest    hlc.Stamp
	hasLatest bool
	stamped   bool
}

// prebuild decodes the records of a page on all cores before the write
// transaction starts: an initial pull spends most of its time decoding
// records, and bbolt has one writer. Records this store already holds
// are merged inside the transaction instead (the prebuilt form is then
// unused).
func prebuild(page []protocol.Record, log *slog.Logger) []prebuilt {
	out := make([]prebuilt, len(page))
	workers := min(runtime.GOMAXPROCS(0), 1+len(page)/64)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(page); i += workers {
				r := page[i]
				pre := &out[i]
				pre.latest, pre.hasLatest = latestStamp(r)
				pre.stamped = true
				kind := record.Kind(r.Kind)
				if r.Removed || r.Deleted != "" || !knownKind(kind) {
					continue
				}
				updated := time.UnixMilli(pre.latest.Wall).UTC() // as latestWall: r.Deleted is ""
				if !pre.hasLatest {
					updated = time.UnixMilli(0).UTC()
				} else if pre.latest.Wall > maxWall {
					updated = latestWall(r.Versions)
				}
				m := remoteMeta{id: r.ID, versions: r.Versions, created: createdAt(r.ID), updated: updated}
				if rec, data, err := buildRecord(kind, m, r.Fields, log); err == nil {
					pre.rec, pre.data = rec, data
					if e, ok := rec.(*record.Enterprise); ok {
						pre.entries = enterpriseEntries(e) // all of indexEntries for an enterprise
					}
				}
			}
		}()
	}
	wg.Wait()
	return out
}

// putRemote stores a pulled record in the form buildRecord encoded,
// with its indexes, like put. entries, when not nil, are cur's index
// entries computed ahead (prebuild) for a record the store did not have.
func (w *writer) putRemote(old, cur record.Record, data []byte, entries []indexEntry) error {
	data = w.v.sealRecordJSON(cur.Kind(), cur.Header().ID, data)
	if err := w.tx.Bucket(kindBucket(cur.Kind())).Put([]byte(cur.Header().ID), data); err != nil {
		return fmt.Errorf("store %s %s: %w", cur.Kind(), cur.Header().ID, err)
	}
	if old == nil && entries != nil {
		if err := putIndexes(w.tx, entries); err != nil {
			return err
		}
	} else if err := w.v.reindex(w.tx, old, cur); err != nil {
		return err
	}
	w.touched = append(w.touched, cur)
	return nil
}

// observe moves the clock past every stamp of a pulled record. The
// clock keeps the largest (wall, counter) it observes, so observing that
// one stamp is the same as observing each. pre holds that stamp when
// prebuild found it already.
func (w *writer) observe(r protocol.Record, pre prebuilt) {
	latest, ok := pre.latest, pre.hasLatest
	if !pre.stamped {
		latest, ok = latestStamp(r)
	}
	if ok {
		w.s.clock.Observe(latest)
	}
}

// latestStamp is the newest (wall, counter) of a pulled record's
// stamps; ok is false when none parses.
func latestStamp(r protocol.Record) (latest hlc.Stamp, ok bool) {
	latest, ok = parseStamp(r.Deleted)
	last := "" // fields changed together share a stamp: parse it once
	for _, v := range r.Versions {
		if v == last {
			continue
		}
		last = v
		if st, good := parseStamp(v); good && (!ok || st.Wall > latest.Wall || (st.Wall == latest.Wall && st.Counter > latest.Counter)) {
			latest, ok = st, true
		}
	}
	return latest, ok
}

// parseStamp is hlc.Parse without its allocations (a pull parses every
// field's stamp); ok is false where hlc.Parse fails.
func parseStamp(s string) (hlc.Stamp, bool) {
	i := strings.IndexByte(s, '.')
	if i < 0 {
		return hlc.Stamp{}, false
	}
	j := strings.IndexByte(s[i+1:], '.')
	if j < 0 {
		return hlc.Stamp{}, false
	}
	j += i + 1
	wall, err := strconv.ParseInt(s[:i], 10, 64)
	if err != nil || wall < 0 {
		return hlc.Stamp{}, false
	}
	c, err := strconv.ParseUint(s[i+1:j], 10, 32)
	if err != nil {
		return hlc.Stamp{}, false
	}
	return hlc.Stamp{Wall: wall, Counter: uint32(c), Node: s[j+1:]}, true
}

// removeRemote drops a record the server deleted or moved out of scope:
// indexes, search and a tombstone, but no outbox entry.
func (w *writer) removeRemote(kind record.Kind, id string, old record.Record, stamp string) error {
	if old != nil {
		if err := w.v.reindex(w.tx, old, nil); err != nil {
			return err
		}
		if err := w.tx.Bucket(kindBucket(kind)).Delete([]byte(id)); err != nil {
			return fmt.Errorf("delete %s %s: %w", kind, id, err)
		}
		w.removed = append(w.removed, id)
	}
	return putTombstone(w.tx, id, Tombstone{Kind: kind, DeletedAt: w.now, Stamp: stamp})
}

// mergeRemote builds the local record (and its stored JSON) from the
// server's fields, keeping the local value of a field with an unsent
// edit whose stamp is newer. The value that loses that comparison is returned as a conflict, as the
// server will record it once the edit is pushed.
func (w *writer) mergeRemote(kind record.Kind, r protocol.Record, old record.Record, p *pendingRecord) (record.Record, []byte, []protocol.Conflict, error) {
	vals := make(map[string]json.RawMessage, len(r.Fields))
	for f, v := range r.Fields {
		vals[f] = v
	}
	vers := make(map[string]string, len(r.Versions))
	for f, v := range r.Versions {
		vers[f] = v
	}
	var losers []protocol.Conflict
	if p != nil && old != nil {
		oldF, err := fieldsOf(old)
		if err != nil {
			return nil, nil, nil, err
		}
		for f := range p.fields {
			lv, sv := old.Header().Versions[f], vers[f]
			mine, theirs := valueOr(oldF[f]), valueOr(vals[f])
			if compareStamps(lv, sv) <= 0 {
				if string(mine) != string(theirs) && lv != "" {
					losers = append(losers, conflictOf(r, f, mine, lv))
				}
				continue
			}
			if string(mine) != string(theirs) && sv != "" {
				losers = append(losers, conflictOf(r, f, theirs, sv))
			}
			vals[f], vers[f] = mine, lv
		}
	}
	m := remoteMeta{id: r.ID, versions: vers, created: createdAt(r.ID), updated: latestWall(vers)}
	if old != nil {
		m.created, m.author = old.Header().CreatedAt, old.Header().Author
	}
	cur, data, err := buildRecord(kind, m, vals, w.s.log)
	if err != nil {
		return nil, nil, nil, err
	}
	return cur, data, losers, nil
}

func valueOr(v json.RawMessage) json.RawMessage {
	if isEmptyJSON(v) {
		return json.RawMessage("null")
	}
	return v
}

func conflictOf(r protocol.Record, field string, value json.RawMessage, version string) protocol.Conflict {
	return protocol.Conflict{ID: r.ID + "/" + field + "/" + version, Kind: r.Kind, RecordID: r.ID, Field: field,
		Value: value, Version: version, Reason: protocol.ReasonConcurrent}
}

// compareStamps orders two stamps in text form; "" is before everything.
func compareStamps(a, b string) int {
	sa, errA := hlc.Parse(a)
	sb, errB := hlc.Parse(b)
	switch {
	case errA != nil && errB != nil:
		return 0
	case errA != nil:
		return -1
	case errB != nil:
		return 1
	}
	return hlc.Compare(sa, sb)
}

// remoteMeta is the header of a record built from pulled fields.
type remoteMeta struct {
	id string
	// versions may become the built record's Versions as they are (a
	// copy for each of 100k records cost more than the decoding): the
	// caller hands over a map nothing changes afterwards (a pulled
	// page's, or one made for this record).
	versions         map[string]string
	created, updated time.Time
	author           string
}

// buildRecord writes the stored JSON of a pulled record directly (no
// map encoding, no second encoding: the initial pull of a large zone
// spends its time here) and decodes it. A field whose value does not fit
// the type (another client's newer program, a damaged value) is left out
// and logged rather than failing the page forever.
func buildRecord(kind record.Kind, m remoteMeta, vals map[string]json.RawMessage, log interface {
	Warn(string, ...any)
}) (record.Record, []byte, error) {
	data, err := recordJSON(m, vals)
	if err != nil {
		return nil, nil, err
	}
	if rec, ok := fastRecord(kind, m, vals); ok {
		return rec, data, nil
	}
	if rec, err := decodeRecord(kind, data); err == nil {
		return rec, data, nil
	}
	keep := make(map[string]json.RawMessage, len(vals))
	for f, v := range vals {
		if storedField(f, v) {
			keep[f] = v
		}
	}
	for f, v := range keep {
		probe := record.New(kind)
		one, _ := json.Marshal(map[string]json.RawMessage{f: v})
		if err := json.Unmarshal(one, probe); err != nil {
			log.Warn("pulled field does not fit its type; left out", "kind", kind, "id", m.id, "field", f, "err", err)
			delete(keep, f)
		}
	}
	if data, err = recordJSON(m, keep); err != nil {
		return nil, nil, err
	}
	rec, err := decodeRecord(kind, data)
	return rec, data, err
}

// storedField reports whether a pulled field goes into the stored JSON:
// the meta fields come from remoteMeta, and an empty value is no value.
func storedField(name string, v json.RawMessage) bool {
	return !metaFields[name] && !isEmptyJSON(v)
}

// recordJSON is the stored form of a record with these fields (those
// storedField takes).
func recordJSON(m remoteMeta, fields map[string]json.RawMessage) ([]byte, error) {
	created, err := m.created.MarshalJSON()
	if err != nil {
		return nil, err
	}
	updated, err := m.updated.MarshalJSON()
	if err != nil {
		return nil, err
	}
	size := 160
	for k, v := range fields {
		size += len(k) + len(v) + 4 // an upper bound: storedField may leave it out
	}
	for k, v := range m.versions {
		size += len(k) + len(v) + 6
	}
	b := make([]byte, 0, size)
	b = append(b, `{"id":`...)
	b = appendJSONString(b, m.id)
	b = append(b, `,"created_at":`...)
	b = append(b, created...)
	b = append(b, `,"updated_at":`...)
	b = append(b, updated...)
	if m.author != "" {
		b = append(b, `,"author":`...)
		b = appendJSONString(b, m.author)
	}
	if len(m.versions) > 0 {
		b = append(b, `,"versions":{`...)
		first := true
		for k, v := range m.versions { // key order does not matter to a reader; sorting would cost
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendJSONString(b, k)
			b = append(b, ':')
			b = appendJSONString(b, v)
		}
		b = append(b, '}')
	}
	for k, v := range fields {
		if !storedField(k, v) {
			continue
		}
		b = append(b, ',')
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = append(b, v...)
	}
	return append(b, '}'), nil // decodeRecord checks it is valid JSON
}

// createdAt is the time in a ULID: the moment the record was created on
// its first device, the same on every replica.
func createdAt(id string) time.Time {
	u, err := ulid.Parse(id)
	if err != nil {
		return time.Time{}
	}
	return ulid.Time(u.Time()).UTC()
}

// maxWall is the last millisecond of year 9999, the most time.Time
// encodes as JSON; a stamp beyond it is damaged, not a date.
const maxWall = 253402300799999

// latestWall is the wall time of the newest stamp: when the record last
// changed anywhere, the same on every replica.
func latestWall(vers map[string]string) time.Time {
	var latest int64
	last := "" // as in latestStamp
	for _, v := range vers {
		if v == last {
			continue
		}
		last = v
		if st, ok := parseStamp(v); ok && st.Wall > latest && st.Wall <= maxWall {
			latest = st.Wall
		}
	}
	return time.UnixMilli(latest).UTC()
}
