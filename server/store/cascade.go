package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/sync/merge"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// save numbers rec, records the zones it left and stores it over prev.
func save(ctx context.Context, tx Tx, rec, prev Record) (Record, error) {
	seq, err := tx.NextSeq(ctx)
	if err != nil {
		return Record{}, err
	}
	rec.Seq = seq
	if rec.Author == "" {
		// A cascade, a referral's sharing or an erase is not an edit of
		// the record's fields: who last changed them stays.
		rec.Author = prev.Author
	}
	rec.Gone = minus(union(prev.Gone, minus(prev.Zones, rec.Zones)), rec.Zones)
	if err := tx.PutRecord(ctx, rec, prev); err != nil {
		return Record{}, err
	}
	return rec, nil
}

// follow keeps visibility consistent after rec was stored: an
// enterprise's children move with it, and a referral shares (or stops
// sharing) its enterprise and that enterprise's records with its zones.
func follow(ctx context.Context, tx Tx, rec, prev Record) error {
	switch rec.State.Kind {
	case "enterprise":
		switch was, is := prev.State.IsDeleted(), rec.State.IsDeleted(); {
		case was && !is:
			if err := restoreChildren(ctx, tx, rec, prev, ""); err != nil {
				return err
			}
		case !was && is:
			if err := deleteChildren(ctx, tx, rec); err != nil {
				return err
			}
		case was && is && rec.State.Deleted != prev.State.Deleted:
			// Deleted again later ("keep deleted"): the children deleted
			// with it follow the new stamp, so a later restore still
			// brings them back.
			if err := moveChildDeletes(ctx, tx, rec, prev); err != nil {
				return err
			}
		}
		// A new enterprise has no children yet: a child needs its
		// enterprise on the server first.
		if prev.Seq != 0 && !slices.Equal(rec.Zones, prev.Zones) {
			return cascade(ctx, tx, rec)
		}
	case "referral":
		for _, ent := range union(nonEmpty(rec.Parent), nonEmpty(prev.Parent)) {
			if err := refreshShared(ctx, tx, ent); err != nil {
				return fmt.Errorf("share enterprise %s: %w", ent, err)
			}
		}
	}
	return nil
}

// cascade gives every child of ent (referrals keep their own zones) the
// enterprise's zones.
func cascade(ctx context.Context, tx Tx, ent Record) error {
	kids, err := tx.Children(ctx, ent.State.ID)
	if err != nil {
		return fmt.Errorf("children of %s: %w", ent.State.ID, err)
	}
	for _, k := range kids {
		if k.State.Kind == "referral" || slices.Equal(k.Zones, ent.Zones) {
			continue
		}
		next := k
		next.Zones = ent.Zones
		if _, err := save(ctx, tx, next, k); err != nil {
			return fmt.Errorf("move child %s: %w", k.State.ID, err)
		}
	}
	return nil
}

// refreshShared recomputes the zones an enterprise is shared with from
// its live referrals.
func refreshShared(ctx context.Context, tx Tx, id string) error {
	ent, ok, err := tx.Record(ctx, id)
	if err != nil || !ok || ent.State.Kind != "enterprise" {
		return err
	}
	kids, err := tx.Children(ctx, id)
	if err != nil {
		return err
	}
	var shared []string
	for _, k := range kids {
		if k.State.Kind == "referral" && !k.State.IsDeleted() {
			shared = union(shared, k.Zones)
		}
	}
	if slices.Equal(shared, ent.Shared) {
		return nil
	}
	next := ent
	next.Shared = shared
	next.Zones = union(nonEmpty(ent.Home), shared)
	saved, err := save(ctx, tx, next, ent)
	if err != nil {
		return err
	}
	return cascade(ctx, tx, saved)
}

// restoreChildren brings back, with a restored enterprise, the children
// deleted together with it: a client deletes an enterprise and its
// contacts, visits, projects and tasks under one stamp, so a child whose
// delete stamp is the enterprise's was deleted because the enterprise
// was. Children deleted on their own stay deleted.
func restoreChildren(ctx context.Context, tx Tx, ent, prev Record, skip string) error {
	kids, err := tx.Children(ctx, ent.State.ID)
	if err != nil {
		return fmt.Errorf("children of %s: %w", ent.State.ID, err)
	}
	for _, k := range kids {
		if !k.State.IsDeleted() || k.State.Deleted != prev.State.Deleted || k.State.ID == skip {
			continue
		}
		next := k
		next.State.Restored = ent.State.Restored
		if _, err := save(ctx, tx, next, k); err != nil {
			return fmt.Errorf("restore child %s: %w", k.State.ID, err)
		}
	}
	return nil
}

// deleteChildren deletes with an enterprise the children its deleter did
// not know (added on another laptop meanwhile; the ones it knew arrive
// with their own deletes under the enterprise's stamp). They get the
// enterprise's delete stamp, so restoring the enterprise brings them
// back, and every field counts as unseen, so each is offered as a
// restore instead of hanging loose under a deleted enterprise.
func deleteChildren(ctx context.Context, tx Tx, ent Record) error {
	kids, err := tx.Children(ctx, ent.State.ID)
	if err != nil {
		return fmt.Errorf("children of %s: %w", ent.State.ID, err)
	}
	// A child restored at a later stamp than this delete (the restore and
	// the delete did not see each other) keeps the enterprise alive, as
	// when the restore arrives second (underDeleted → restoreParent).
	latest := ""
	for _, k := range kids {
		if k.State.Kind != "referral" && !k.State.IsDeleted() && laterStamp(k.State.Restored, ent.State.Deleted) &&
			laterStamp(k.State.Restored, latest) {
			latest = k.State.Restored
		}
	}
	if latest != "" {
		_, err := restoreParent(ctx, tx, ent, latest, "")
		return err
	}
	for _, k := range kids {
		next := k
		if !deleteWith(&next.State, ent.State) {
			continue
		}
		if _, err := save(ctx, tx, next, k); err != nil {
			return fmt.Errorf("delete child %s: %w", k.State.ID, err)
		}
	}
	return nil
}

// deleteWith deletes a live child (not a referral, which has its own
// zones and life) of a deleted enterprise under the enterprise's stamp,
// and reports whether it changed anything. The child's state is copied,
// never changed in place.
func deleteWith(child *merge.State, ent merge.State) bool {
	if child.Kind == "referral" || child.Kind == "enterprise" || child.IsDeleted() || !ent.IsDeleted() {
		return false
	}
	next := *child
	next.Deleted = ent.Deleted
	if !next.IsDeleted() {
		return false // restored on purpose after the enterprise's delete
	}
	if next.DeleteSeen == nil {
		// The enterprise's deleter saw none of this child's fields; a
		// non-empty map says so (an empty one would not be stored).
		next.DeleteSeen = map[string]string{protocol.DeletedKey: ""}
	}
	*child = next
	return true
}

// moveChildDeletes gives the children deleted with an enterprise the
// enterprise's new delete stamp.
func moveChildDeletes(ctx context.Context, tx Tx, ent, prev Record) error {
	kids, err := tx.Children(ctx, ent.State.ID)
	if err != nil {
		return fmt.Errorf("children of %s: %w", ent.State.ID, err)
	}
	for _, k := range kids {
		if !k.State.IsDeleted() || k.State.Deleted != prev.State.Deleted {
			continue
		}
		next := k
		next.State.Deleted = ent.State.Deleted
		if _, err := save(ctx, tx, next, k); err != nil {
			return fmt.Errorf("move child delete %s: %w", k.State.ID, err)
		}
	}
	return nil
}

// restoreParent restores a child's deleted enterprise when the user
// restored the child: a restored contact or visit must not hang under a
// deleted enterprise. The enterprise takes the child's restore stamp and
// brings back the children deleted with it (except self, which the
// caller is writing). It reports false when the enterprise was deleted
// after that stamp and stays deleted.
func restoreParent(ctx context.Context, tx Tx, ent Record, stamp, self string) (bool, error) {
	next := ent
	next.State.Restored = stamp
	if next.State.IsDeleted() {
		return false, nil
	}
	saved, err := save(ctx, tx, next, ent)
	if err != nil {
		return false, fmt.Errorf("restore enterprise %s: %w", ent.State.ID, err)
	}
	return true, restoreChildren(ctx, tx, saved, ent, self)
}

// laterStamp reports whether stamp a orders after b ("" is before all).
func laterStamp(a, b string) bool {
	if a == "" {
		return false
	}
	if b == "" {
		return true
	}
	sa, errA := hlc.Parse(a)
	sb, errB := hlc.Parse(b)
	if errA != nil || errB != nil {
		return a > b
	}
	return hlc.Compare(sa, sb) > 0
}
