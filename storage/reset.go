package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sync/protocol"
	bolt "go.etcd.io/bbolt"
)

// bucketResetUnseen lists, during a re-download after 410
// reset_required, the local records the download has not delivered yet
// (record ID → kind). It lives in the file, not in memory, so a download
// interrupted by a crash or a lost connection still ends in the right
// clean-up when a later sync completes it.
var bucketResetUnseen = []byte("sync_reset_unseen")

// BeginReset starts a full re-download: the cursor goes back to 0 and
// every local record is listed as not seen yet, in one transaction.
// Pulled pages strike records off the list (ApplyRemote); FinishReset
// then drops what is left, because the server no longer has it: it was
// deleted and its tombstone purged while this laptop was away, or it
// left this user's zones. The outbox is untouched.
func (s *Store) BeginReset(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		st, err := readSyncState(tx)
		if err != nil {
			return err
		}
		st.Cursor = 0
		if err := writeSyncState(tx, st); err != nil {
			return err
		}
		if tx.Bucket(bucketResetUnseen) != nil {
			if err := tx.DeleteBucket(bucketResetUnseen); err != nil {
				return fmt.Errorf("clear reset list: %w", err)
			}
		}
		unseen, err := tx.CreateBucket(bucketResetUnseen)
		if err != nil {
			return fmt.Errorf("create reset list: %w", err)
		}
		for _, k := range record.Kinds {
			err := tx.Bucket(kindBucket(k)).ForEach(func(id, _ []byte) error {
				return unseen.Put(id, []byte(k))
			})
			if err != nil {
				return fmt.Errorf("list local %s records: %w", k, err)
			}
		}
		return nil
	})
}

// keepLostFields guards a re-download against a server that lost part
// of a record: when its tombstone was purged while this laptop was away
// and the laptop's unsent edit re-created it, the server holds the edited
// fields only. Fields this copy has a version for and the server has
// none are kept (treated as unsent, so the pulled page leaves them) and
// queued again with their own stamps, so the server gets the whole
// record back. p is the record's outbox state; the returned one includes
// the kept fields.
func (w *writer) keepLostFields(r protocol.Record, p *pendingRecord) (*pendingRecord, error) {
	if r.Removed || r.Deleted != "" || !knownKind(record.Kind(r.Kind)) {
		return p, nil
	}
	old, err := w.v.load(w.tx, record.Kind(r.Kind), r.ID)
	if err != nil {
		return p, nil // not here: nothing to lose
	}
	oldF, err := fieldsOf(old)
	if err != nil {
		return nil, err
	}
	ch := Change{Kind: old.Kind(), RecordID: r.ID, Op: OpPut, Fields: map[string]json.RawMessage{}, Versions: map[string]string{}}
	for f, v := range old.Header().Versions {
		if _, ok := r.Versions[f]; ok || f == DeletedField || f == RestoredField {
			continue
		}
		ch.Fields[f], ch.Versions[f] = valueOr(oldF[f]), v
	}
	if len(ch.Fields) == 0 {
		return p, nil
	}
	next := &pendingRecord{fields: map[string]bool{}}
	if p != nil {
		next.deleted, next.restored = p.deleted, p.restored
		maps.Copy(next.fields, p.fields)
	}
	for f := range ch.Fields {
		next.fields[f] = true
	}
	return next, w.appendChange(ch)
}

// markSeen strikes a pulled page's records off the reset list, if a
// reset is in progress.
func markSeen(tx *bolt.Tx, page []protocol.Record) error {
	unseen := tx.Bucket(bucketResetUnseen)
	if unseen == nil {
		return nil
	}
	for _, r := range page {
		if err := unseen.Delete([]byte(r.ID)); err != nil {
			return fmt.Errorf("reset list: %w", err)
		}
	}
	return nil
}

// FinishReset ends a re-download once the pull has reached the end:
// every listed record the download did not bring is removed locally
// (indexes, search, conflicts; a tombstone, no outbox entry), except
// records with unsent or set-aside changes, which are kept and are sent
// again, and enterprises that still have children here. It returns how
// many records it removed; without a reset in progress it does nothing.
func (s *Store) FinishReset(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	inProgress := false
	if err := s.db.View(func(tx *bolt.Tx) error {
		inProgress = tx.Bucket(bucketResetUnseen) != nil
		return nil
	}); err != nil || !inProgress {
		return 0, err
	}
	dropped := 0
	err := s.write(ctx, func(w *writer) error {
		keep, err := idsWithChanges(w.tx, w.v)
		if err != nil {
			return err
		}
		var ents []string
		var others []struct{ kind, id string }
		err = w.tx.Bucket(bucketResetUnseen).ForEach(func(id, kind []byte) error {
			switch {
			case keep[string(id)]:
			case record.Kind(kind) == record.KindEnterprise:
				ents = append(ents, string(id))
			default:
				others = append(others, struct{ kind, id string }{string(kind), string(id)})
			}
			return nil
		})
		if err != nil {
			return err
		}
		// Children first: an enterprise goes only when nothing is left
		// under it, so no kept record is orphaned.
		for _, o := range others {
			n, err := w.dropAbsent(record.Kind(o.kind), o.id)
			if err != nil {
				return err
			}
			dropped += n
		}
		for _, id := range ents {
			if len(prefixKeys(w.tx.Bucket(bucketChildren), id+sep, "")) > 0 {
				continue
			}
			n, err := w.dropAbsent(record.KindEnterprise, id)
			if err != nil {
				return err
			}
			dropped += n
		}
		return w.tx.DeleteBucket(bucketResetUnseen)
	})
	if err != nil {
		return 0, fmt.Errorf("finish reset: %w", err)
	}
	return dropped, nil
}

// dropAbsent removes one record the server no longer has, as a pulled
// tombstone would.
func (w *writer) dropAbsent(kind record.Kind, id string) (int, error) {
	old, err := w.v.load(w.tx, kind, id)
	if err != nil {
		return 0, nil // already gone (deleted here meanwhile)
	}
	if err := w.v.replaceConflicts(w.tx, id, nil); err != nil {
		return 0, err
	}
	if err := dropRestoreOffer(w.tx, id); err != nil {
		return 0, err
	}
	if err := w.removeRemote(kind, id, old, ""); err != nil {
		return 0, err
	}
	return 1, nil
}

// idsWithChanges returns the records that have an outbox entry or a
// change the server refused (set aside for the user): their data exists
// only here, so a reset never removes them.
func idsWithChanges(tx *bolt.Tx, vt *vault) (map[string]bool, error) {
	keep := map[string]bool{}
	err := tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
		ch, err := vt.decodeChange(bucketOutbox, k, v)
		if err != nil {
			return err
		}
		keep[ch.RecordID] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	rej := tx.Bucket(bucketRejected)
	if rej == nil {
		return keep, nil
	}
	err = rej.ForEach(func(k, v []byte) error {
		var r struct {
			Change struct {
				RecordID string `json:"record_id"`
			} `json:"change"`
		}
		plain, err := vt.open(bucketRejected, k, v)
		if err != nil {
			return fmt.Errorf("set-aside change %x: %w", k, err)
		}
		if err := json.Unmarshal(plain, &r); err != nil {
			return fmt.Errorf("set-aside change %x: %w", k, err)
		}
		keep[r.Change.RecordID] = true
		return nil
	})
	return keep, err
}
