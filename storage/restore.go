package storage

import (
	"encoding/json"
	"fmt"
	"maps"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sync/protocol"
	bolt "go.etcd.io/bbolt"
)

// bucketRestoreOffers keeps, for a record deleted on the server while
// someone's edit of it is still open as an after_delete conflict, the
// server's whole field state (record ID → restoreOffer): the local copy
// is gone, and restoring it must bring back every field, not only the
// edited ones.
var bucketRestoreOffers = []byte("sync_restore_offers")

// RestoredField is the Versions key of a restore change: the stamp that
// undoes a delete (protocol.RestoredKey).
const RestoredField = "_restored"

// restoreOffer is a pulled tombstone's fields, kept while it is a restore
// offer.
type restoreOffer struct {
	Kind     string                     `json:"kind"`
	Fields   map[string]json.RawMessage `json:"fields,omitempty"`
	Versions map[string]string          `json:"versions,omitempty"`
	Deleted  string                     `json:"deleted"`
}

// isRestoreOffer reports whether a pulled record is a tombstone with an
// edit nobody who deleted it had seen.
func isRestoreOffer(r protocol.Record) bool {
	if r.Deleted == "" || r.Removed {
		return false
	}
	for _, c := range r.Conflicts {
		if c.Reason == protocol.ReasonAfterDelete {
			return true
		}
	}
	return false
}

// keepRestoreOffer stores (or drops, when r is no offer) the state a
// restore would bring back.
func keepRestoreOffer(tx *bolt.Tx, vt *vault, r protocol.Record) error {
	b := tx.Bucket(bucketRestoreOffers) // ApplyRemote creates it
	if !isRestoreOffer(r) {
		if b.Get([]byte(r.ID)) == nil {
			return nil
		}
		return b.Delete([]byte(r.ID))
	}
	data, err := json.Marshal(restoreOffer{Kind: r.Kind, Fields: r.Fields, Versions: r.Versions, Deleted: r.Deleted})
	if err != nil {
		return fmt.Errorf("encode restore offer %s: %w", r.ID, err)
	}
	// A contact's or visit's offer holds its personal values.
	return b.Put([]byte(r.ID), vt.seal(bucketRestoreOffers, []byte(r.ID), record.Kind(r.Kind), data))
}

// getRestoreOffer reads the kept state of a deleted record; ok is false
// when there is none.
func getRestoreOffer(tx *bolt.Tx, vt *vault, id string) (restoreOffer, bool, error) {
	b := tx.Bucket(bucketRestoreOffers)
	if b == nil {
		return restoreOffer{}, false, nil
	}
	data := b.Get([]byte(id))
	if data == nil {
		return restoreOffer{}, false, nil
	}
	data, err := vt.open(bucketRestoreOffers, []byte(id), data)
	if err != nil {
		return restoreOffer{}, false, fmt.Errorf("restore offer %s: %w", id, err)
	}
	var o restoreOffer
	if err := json.Unmarshal(data, &o); err != nil {
		return restoreOffer{}, false, fmt.Errorf("decode restore offer %s: %w", id, err)
	}
	return o, true, nil
}

func dropRestoreOffer(tx *bolt.Tx, id string) error {
	if b := tx.Bucket(bucketRestoreOffers); b != nil {
		return b.Delete([]byte(id))
	}
	return nil
}

// afterDeleteConflicts returns the open restore offers of one record.
func afterDeleteConflicts(tx *bolt.Tx, vt *vault, recordID string) ([]protocol.Conflict, error) {
	var out []protocol.Conflict
	b := tx.Bucket(bucketConflicts)
	if b == nil {
		return nil, nil
	}
	prefix := recordID + "/"
	for _, k := range prefixKeys(b, prefix, "") {
		var c protocol.Conflict
		data, err := vt.open(bucketConflicts, []byte(prefix+k), b.Get([]byte(prefix+k)))
		if err != nil {
			return nil, fmt.Errorf("conflict %s%s: %w", prefix, k, err)
		}
		if err := json.Unmarshal(data, &c); err != nil {
			return nil, fmt.Errorf("decode conflict %s%s: %w", prefix, k, err)
		}
		if c.Reason == protocol.ReasonAfterDelete {
			out = append(out, c)
		}
	}
	return out, nil
}

// resolveDeleted settles a restore offer for the whole record. keep
// KeepMine restores it: a restore change, then the edited values again
// with a fresh stamp (so they win over anything concurrent), and the
// record back in the local store when its state was kept. KeepTheirs
// keeps it deleted: a new delete stamped after every edit, with the
// edits as bases, so every replica stops offering them.
func (w *writer) resolveDeleted(c protocol.Conflict, keep string) error {
	offers, err := afterDeleteConflicts(w.tx, w.v, c.RecordID)
	if err != nil {
		return err
	}
	offer, haveOffer, err := getRestoreOffer(w.tx, w.v, c.RecordID)
	if err != nil {
		return err
	}
	for _, o := range offers {
		if err := w.tx.Bucket(bucketConflicts).Delete([]byte(o.ID)); err != nil {
			return fmt.Errorf("drop conflict %s: %w", o.ID, err)
		}
	}
	if err := dropRestoreOffer(w.tx, c.RecordID); err != nil {
		return err
	}
	kind := record.Kind(c.Kind)
	stamp := w.s.clock.Now().String()
	if keep == KeepTheirs {
		bases := map[string]string{}
		maps.Copy(bases, offer.Versions)
		for _, o := range offers {
			if compareStamps(o.Version, bases[o.Field]) > 0 {
				bases[o.Field] = o.Version
			}
		}
		return w.appendChange(Change{Kind: kind, RecordID: c.RecordID, Op: OpDelete,
			Versions: map[string]string{DeletedField: stamp}, Bases: bases})
	}
	return w.restore(kind, c.RecordID, offers, offer, haveOffer, stamp)
}

// restore queues the restore of a deleted record (and of its deleted
// enterprise, without which a child would hang loose) and puts it back
// locally when its whole state is known.
func (w *writer) restore(kind record.Kind, id string, offers []protocol.Conflict, offer restoreOffer, haveOffer bool, stamp string) error {
	fields := make(map[string]json.RawMessage, len(offers))
	versions := make(map[string]string, len(offers))
	bases := make(map[string]string, len(offers))
	for _, o := range offers {
		fields[o.Field], versions[o.Field], bases[o.Field] = valueOr(o.Value), stamp, o.Version
	}
	parentGone := false
	parent := stringOf(offer.Fields["enterprise_id"])
	if v, ok := fields["enterprise_id"]; ok && parent == "" { // an offer pulled before offers were kept
		parent = stringOf(v)
	}
	if kind != record.KindEnterprise && parent != "" {
		if w.tx.Bucket(kindBucket(record.KindEnterprise)).Get([]byte(parent)) == nil {
			parentGone = true
			if err := w.appendChange(Change{Kind: record.KindEnterprise, RecordID: parent, Op: OpRestore,
				Versions: map[string]string{RestoredField: stamp}}); err != nil {
				return err
			}
		}
	}
	if err := w.appendChange(Change{Kind: kind, RecordID: id, Op: OpRestore,
		Versions: map[string]string{RestoredField: stamp}}); err != nil {
		return err
	}
	if len(fields) > 0 {
		if err := w.appendChange(Change{Kind: kind, RecordID: id, Op: OpPut,
			Fields: fields, Versions: versions, Bases: bases}); err != nil {
			return err
		}
	}
	if !haveOffer || parentGone {
		return nil // the next pull brings the record (and its enterprise) back
	}
	vals := maps.Clone(offer.Fields)
	vers := maps.Clone(offer.Versions)
	if vers == nil {
		vers = map[string]string{}
	}
	if vals == nil {
		vals = map[string]json.RawMessage{}
	}
	maps.Copy(vals, fields)
	maps.Copy(vers, versions)
	m := remoteMeta{id: id, versions: vers, created: createdAt(id), updated: w.now, author: w.s.author}
	cur, data, err := buildRecord(kind, m, vals, w.s.log)
	if err != nil {
		return fmt.Errorf("restore %s %s: %w", kind, id, err)
	}
	old, err := w.v.load(w.tx, kind, id)
	if err != nil {
		old = nil // deleted here, as expected
	}
	if err := w.tx.Bucket(bucketTombstones).Delete([]byte(id)); err != nil {
		return fmt.Errorf("clear tombstone %s: %w", id, err)
	}
	return w.putRemote(old, cur, data, nil)
}

// stringOf decodes a JSON string value; "" for anything else.
func stringOf(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) != nil {
		return ""
	}
	return s
}

// withoutAfterDelete drops the restore offers from cs.
func withoutAfterDelete(cs []protocol.Conflict) []protocol.Conflict {
	var out []protocol.Conflict
	for _, c := range cs {
		if c.Reason != protocol.ReasonAfterDelete {
			out = append(out, c)
		}
	}
	return out
}
