package search

import (
	"bytes"
	"hash/maphash"
	"runtime"
	"sync"
)

// Doc kinds.
const (
	KindEnterprise = "enterprise"
	KindContact    = "contact"
)

// Doc is one searchable record: an enterprise or a contact.
type Doc struct {
	ID           string
	Kind         string // KindEnterprise or KindContact
	EnterpriseID string // for contacts: their enterprise
	Name         string // enterprise name, or the contact's name
	ShortName    string
	Address      string
	CreditCode   string   // enterprises: 统一社会信用代码
	Mobiles      []string // E.164 "+86138…"; matched by suffix of the national digits
}

// Index is an in-memory search index. It is safe for concurrent use: any
// number of queries run together, writes wait for them. The zero value is
// an empty index, as New returns.
//
// Memory: entries are encoded end to end in one byte arena (see entry.go)
// and posting lists are frozen into one sorted key array and one slot
// array (see postings.go), so the heap holds a few large arrays rather
// than millions of small objects. Documents put after the last freeze
// keep their postings in a small map until the next one.
type Index struct {
	mu   sync.RWMutex
	text []byte   // encoded entries, end to end
	off  []uint32 // by slot: where its entry starts in text
	gone []uint64 // by slot: bit set once removed or replaced
	dead int      // removed slots still in off

	ids idMap // live slot of each ID

	post postings

	// nameLen (name length in runes) and idKey by slot are kept apart from
	// the entries so ranking many candidates stays in cache.
	nameLen []uint16
	idKey   []idPrefix

	scratch sync.Pool // *scratch for queries
}

// New returns an empty index.
func New() *Index { return &Index{} }

// Len returns the number of documents in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.off) - ix.dead
}

// entry decodes the entry of a slot.
func (ix *Index) entry(slot uint32) entry {
	return decodeEntry(ix.text[ix.off[slot]:])
}

// live reports whether slot holds a document not removed since.
func (ix *Index) live(slot uint32) bool { return !isGone(ix.gone, slot) }

func isGone(bits []uint64, slot uint32) bool { return bits[slot/64]&(1<<(slot%64)) != 0 }

// Put adds d, or replaces the document with the same ID.
func (ix *Index) Put(d Doc) {
	enc := encodeDoc(nil, d) // outside the lock: queries go on meanwhile
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.put(enc, true)
	ix.maybeCompact()
}

// PutAll adds or replaces many documents, as Put of each in order; the
// store uses it to build the index when it opens. Text is prepared on all
// cores before any lock is taken. Into an empty index the documents go
// without postings and one freeze builds them all, which needs far less
// memory at its peak than growing a list per key.
func (ix *Index) PutAll(docs []Doc) {
	encs := encodeAll(docs)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	bulk := len(ix.off) == 0
	for _, enc := range encs {
		ix.put(enc, !bulk)
	}
	if bulk {
		ix.freeze()
	}
	ix.maybeCompact()
}

// encodeAll encodes docs on all cores (one goroutine for a small batch).
func encodeAll(docs []Doc) [][]byte {
	encs := make([][]byte, len(docs))
	workers := min(runtime.GOMAXPROCS(0), max(len(docs)/1024, 1))
	prepare := func(w int) {
		for i := w; i < len(docs); i += workers {
			encs[i] = encodeDoc(nil, docs[i])
		}
	}
	if workers == 1 { // a sync batch: not worth a goroutine
		prepare(0)
		return encs
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { prepare(w) })
	}
	wg.Wait()
	return encs
}

// Remove drops the document with this ID; an unknown ID is a no-op.
func (ix *Index) Remove(id string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.remove([]byte(id))
	ix.maybeCompact()
}

func (ix *Index) remove(id []byte) {
	slot, ok := ix.ids.get(ix, id)
	if !ok {
		return
	}
	ix.ids.del(ix, id, slot)
	ix.gone[slot/64] |= 1 << (slot % 64)
	ix.dead++
}

// put appends an encoded entry in a new slot, replacing any document with
// its ID; with post it also adds the slot to the postings (a bulk load
// freezes them afterwards instead).
func (ix *Index) put(enc []byte, post bool) {
	e := decodeEntry(enc)
	ix.remove(e.id())
	slot := uint32(len(ix.off))
	ix.off = append(ix.off, uint32(len(ix.text)))
	ix.text = append(ix.text, enc...)
	if int(slot/64) >= len(ix.gone) {
		ix.gone = append(ix.gone, 0)
	}
	ix.nameLen = append(ix.nameLen, runeCount(e.name()))
	ix.idKey = append(ix.idKey, prefixOf(e.id()))
	ix.ids.set(ix, e.id(), slot)
	if post {
		ix.post.add(slot, docKeys(nil, &e))
	}
}

// maybeCompact drops tombstones once they are at least as many as the live
// documents (and not trivially few), so replace-heavy sync costs amortised
// O(1) per write; and it folds the postings added since the last freeze
// into the frozen arrays once they are a fair share of them.
func (ix *Index) maybeCompact() {
	switch live := len(ix.off) - ix.dead; {
	case ix.dead >= 1024 && ix.dead >= live:
		ix.compact()
	case ix.post.extraN >= 1<<16 && ix.post.extraN >= ix.post.frozenN()/4:
		ix.freeze()
	}
}

// compact renumbers live slots densely, rewrites the arena without the
// removed entries and freezes the postings again.
func (ix *Index) compact() {
	live := len(ix.off) - ix.dead
	text := make([]byte, 0, len(ix.text)/2+1)
	off := make([]uint32, 0, live)
	nameLen := make([]uint16, 0, live)
	idKey := make([]idPrefix, 0, live)
	for slot := range ix.off {
		if !ix.live(uint32(slot)) {
			continue
		}
		start := ix.off[slot]
		end := uint32(len(ix.text))
		if slot+1 < len(ix.off) {
			end = ix.off[slot+1]
		}
		off = append(off, uint32(len(text)))
		text = append(text, ix.text[start:end]...)
		nameLen = append(nameLen, ix.nameLen[slot])
		idKey = append(idKey, ix.idKey[slot])
	}
	ix.text, ix.off, ix.nameLen, ix.idKey = text, off, nameLen, idKey
	ix.gone, ix.dead = make([]uint64, (len(off)+63)/64), 0
	ix.ids = idMap{}
	for slot := range ix.off {
		e := ix.entry(uint32(slot))
		ix.ids.set(ix, e.id(), uint32(slot))
	}
	ix.freeze()
}

// freeze rebuilds the frozen postings from every live entry.
func (ix *Index) freeze() {
	ix.post = buildPostings(len(ix.off), func(slot uint32, keys []uint64) []uint64 {
		if !ix.live(slot) {
			return keys
		}
		e := ix.entry(slot)
		return docKeys(keys, &e)
	})
}

// idMap finds the live slot of an ID: an open-addressing table (linear
// probing) of slot+1 by a hash of the ID. The IDs themselves stay in the
// arena, where a probe compares them, so the table costs 4 bytes a bucket
// (at most 3/4 full): 2 MB for 300k documents where a Go map of hashes
// took 10.7 MB (heap profile of the 100k window, docs/desktop-speed.md).
type idMap struct {
	seed   maphash.Seed
	seeded bool
	table  []uint32 // slot+1 by bucket; 0 is an empty bucket
	n      int      // IDs in the table
}

func (m *idMap) hash(id []byte) uint64 {
	if !m.seeded {
		m.seed, m.seeded = maphash.MakeSeed(), true
	}
	return maphash.Bytes(m.seed, id)
}

// home is the first bucket probed for id.
func (m *idMap) home(id []byte) int { return int(m.hash(id) & uint64(len(m.table)-1)) }

// find returns the bucket holding id, or the empty bucket where it would
// go (ok false). The table must not be empty.
func (m *idMap) find(ix *Index, id []byte) (bucket int, ok bool) {
	mask := len(m.table) - 1
	for i := m.home(id); ; i = (i + 1) & mask {
		v := m.table[i]
		if v == 0 {
			return i, false
		}
		if bytes.Equal(ix.field(v-1, efID), id) {
			return i, true
		}
	}
}

func (m *idMap) get(ix *Index, id []byte) (uint32, bool) {
	if m.n == 0 {
		return 0, false
	}
	if i, ok := m.find(ix, id); ok {
		return m.table[i] - 1, true
	}
	return 0, false
}

// set records the slot of an ID that is not in the map; the slot's entry
// must be in the arena already.
func (m *idMap) set(ix *Index, id []byte, slot uint32) {
	if (m.n+1)*4 > len(m.table)*3 {
		m.grow(ix)
	}
	i, _ := m.find(ix, id)
	m.table[i] = slot + 1
	m.n++
}

// grow doubles the table (1024 buckets at first) and places every slot
// again by the hash of its ID in the arena.
func (m *idMap) grow(ix *Index) {
	old := m.table
	m.table = make([]uint32, max(1024, 2*len(old)))
	mask := len(m.table) - 1
	for _, v := range old {
		if v == 0 {
			continue
		}
		i := m.home(ix.field(v-1, efID))
		for m.table[i] != 0 {
			i = (i + 1) & mask
		}
		m.table[i] = v
	}
}

// del forgets the ID at slot. The buckets after it move back where their
// probe allows (backward-shift deletion), so no tombstones pile up under
// replace-heavy sync.
func (m *idMap) del(ix *Index, id []byte, slot uint32) {
	if m.n == 0 {
		return
	}
	hole, ok := m.find(ix, id)
	if !ok || m.table[hole] != slot+1 {
		return
	}
	mask := len(m.table) - 1
	m.table[hole] = 0
	for j := (hole + 1) & mask; m.table[j] != 0; j = (j + 1) & mask {
		v := m.table[j]
		// The ID at j may fill the hole if its home is not after the
		// hole in the probe order that reached j.
		if (j-m.home(ix.field(v-1, efID)))&mask >= (j-hole)&mask {
			m.table[hole], m.table[j] = v, 0
			hole = j
		}
	}
	m.n--
}

// Builder fills a new Index from a stream of documents, as the store
// does when it opens: it encodes them a batch at a time on all cores and
// freezes the postings once at the end, so neither all the documents nor
// a list per key are ever held at once. A Builder is not safe for
// concurrent use; the Index it returns is.
type Builder struct {
	ix    *Index
	batch []Doc
}

// builderBatch is the documents a Builder encodes together.
const builderBatch = 8192

// NewBuilder returns a Builder for a new, empty Index.
func NewBuilder() *Builder { return &Builder{ix: New()} }

// Add adds d, or replaces an earlier document with its ID.
func (b *Builder) Add(d Doc) {
	b.batch = append(b.batch, d)
	if len(b.batch) == builderBatch {
		b.flush()
	}
}

func (b *Builder) flush() {
	for _, enc := range encodeAll(b.batch) {
		b.ix.put(enc, false)
	}
	clear(b.batch) // let the strings go
	b.batch = b.batch[:0]
}

// Index freezes and returns the index; the Builder must not be used
// afterwards.
func (b *Builder) Index() *Index {
	b.flush()
	ix := b.ix
	b.ix, b.batch = nil, nil
	ix.text = fit(ix.text)
	ix.off, ix.nameLen, ix.idKey = fit(ix.off), fit(ix.nameLen), fit(ix.idKey)
	ix.freeze()
	ix.maybeCompact()
	return ix
}

// fit returns s in an array of its own length when appends left much
// spare capacity.
func fit[S ~[]E, E any](s S) S {
	if cap(s)-len(s) <= len(s)/16 {
		return s
	}
	return append(make(S, 0, len(s)), s...)
}
