package store

import (
	"time"

	"github.com/shanhaifield/shanhai/hlc"
)

// DefaultRetention is how long tombstones are kept: a laptop that stays
// offline longer than this re-downloads everything when it comes back.
const DefaultRetention = 180 * 24 * time.Hour

// Purgeable reports whether r is a tombstone (with nothing left to review)
// deleted before the given time. Erased records are never purged: their
// tombstone refuses a stale client's later update. A tombstone whose delete stamp does not
// parse is kept: losing a delete is worse than keeping one.
func (r Record) Purgeable(before time.Time) bool {
	if !r.Tomb() || r.Erased != "" {
		return false // an erased tombstone holds no values and stops resurrection
	}
	st, err := hlc.Parse(r.State.Deleted)
	return err == nil && st.Wall < before.UnixMilli()
}

// Behind reports whether a pull after cursor must be refused because
// tombstones up to horizon (the highest purged sequence) are gone: the
// caller may hold records whose delete it can no longer learn. A pull
// from 0 never needs tombstones, and neither do the later pages of a
// download that began at 0 after the purge (the server's pull takes a
// fresh flag for those).
func Behind(after, horizon uint64) bool { return after != 0 && after < horizon }
