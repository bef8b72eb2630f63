package storage

import (
	"syscall"
	"unsafe"

	bolt "go.etcd.io/bbolt"
)

// releasePages tells the kernel this process no longer needs the pages of
// the store file it has read through bbolt's memory map (madvise
// MADV_DONTNEED). Building the search index reads every enterprise and
// contact, and those pages would otherwise stay resident: at 100k
// enterprises about 100 MB of the process's RSS. The file is mapped
// read-only and shared, so nothing is lost: the pages stay in the page
// cache and a later read maps them again. It runs in a read transaction,
// which keeps bbolt from remapping the file meanwhile. Failure only
// costs memory, so it is logged, not returned.
func (s *Store) releasePages() {
	if err := s.db.View(s.releaseTxPages); err != nil {
		s.log.Warn("release store file pages", "err", err)
	}
}

// releaseTxPages is releasePages inside a read transaction the caller
// holds (a second View here could deadlock against a waiting writer).
func (s *Store) releaseTxPages(tx *bolt.Tx) error {
	// Any key read in a read transaction points into the mapping; the
	// mapping starts at Info().Data.
	k, _ := tx.Cursor().First()
	if len(k) == 0 {
		return nil
	}
	p := unsafe.Pointer(unsafe.SliceData(k))
	base := unsafe.Add(p, -int(uintptr(p)-s.db.Info().Data))
	return syscall.Madvise(unsafe.Slice((*byte)(base), tx.Size()), syscall.MADV_DONTNEED)
}
