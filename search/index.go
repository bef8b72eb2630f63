package search

import (
	"runtime"
	"slices"
	"sync"
	"unicode/utf8"
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
type Index struct {
	mu    sync.RWMutex
	docs  []*entry          // by slot; nil once removed
	byID  map[string]uint32 // live slot of each ID
	post  map[uint64]int32  // key → index in lists
	lists [][]uint32        // posting lists: ascending slots
	dead  int               // removed slots still in docs

	// nameLen (name length in runes) and idKey by slot are kept apart from
	// docs so ranking many candidates stays in cache.
	nameLen []uint16
	idKey   []idPrefix

	scratch sync.Pool // *scratch for queries
}

// entry is a document as the index keeps it: normalised text for verifying
// matches, plus what a Result reports.
type entry struct {
	id, kind, enterpriseID string
	displayName            string // Doc.Name as put
	name, short, addr      string // normalised
	pinyin, initials       string
	starts                 []uint16 // syllable offsets in pinyin
	code                   string
	mobiles                []string // national digits
}

// New returns an empty index.
func New() *Index {
	return &Index{
		byID: make(map[string]uint32),
		post: make(map[uint64]int32),
	}
}

// Len returns the number of documents in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.byID)
}

// Put adds d, or replaces the document with the same ID.
func (ix *Index) Put(d Doc) {
	e := newEntry(d) // outside the lock: queries go on meanwhile
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.put(e, nil)
	ix.maybeCompact()
}

// PutAll adds or replaces many documents, as Put of each in order; the
// store uses it to build the index when it opens. Text is prepared on all
// cores before any lock is taken, and the documents go in by chunks of
// chunkSize under short write locks, so queries keep running meanwhile and
// see the documents put so far.
func (ix *Index) PutAll(docs []Doc) {
	entries := make([]*entry, len(docs))
	workers := min(runtime.GOMAXPROCS(0), max(len(docs)/1024, 1))
	prepare := func(w int) {
		for i := w; i < len(docs); i += workers {
			entries[i] = newEntry(docs[i])
		}
	}
	if workers == 1 { // a sync batch: not worth a goroutine
		prepare(0)
	} else {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() { prepare(w) })
		}
		wg.Wait()
	}
	var keys []uint64
	for len(entries) > 0 {
		n := min(len(entries), chunkSize)
		keys = ix.putChunk(entries[:n], keys, len(entries))
		entries = entries[n:]
	}
}

// chunkSize bounds how long PutAll holds the write lock at a time: a few
// per cent of BenchmarkBuild's time for 300k documents.
const chunkSize = 8192

// putChunk puts entries under one write lock; remaining counts the
// entries of the whole PutAll not yet put, to size an empty index once.
func (ix *Index) putChunk(entries []*entry, keys []uint64, remaining int) []uint64 {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if len(ix.docs) == 0 && len(ix.byID) == 0 { // the store's first load
		ix.byID = make(map[string]uint32, remaining)
		ix.docs = make([]*entry, 0, remaining)
		ix.nameLen = make([]uint16, 0, remaining)
		ix.idKey = make([]idPrefix, 0, remaining)
	}
	for _, e := range entries {
		keys = ix.put(e, keys[:0])
	}
	ix.maybeCompact()
	return keys
}

// Remove drops the document with this ID; an unknown ID is a no-op.
func (ix *Index) Remove(id string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.remove(id)
	ix.maybeCompact()
}

func (ix *Index) remove(id string) {
	slot, ok := ix.byID[id]
	if !ok {
		return
	}
	delete(ix.byID, id)
	ix.docs[slot] = nil
	ix.dead++
}

// put indexes e in a new slot, replacing any document with its ID. keys is
// a buffer to reuse; put returns it grown.
func (ix *Index) put(e *entry, keys []uint64) []uint64 {
	if ix.post == nil { // zero Index
		ix.post = make(map[uint64]int32)
	}
	if ix.byID == nil {
		ix.byID = make(map[string]uint32)
	}
	ix.remove(e.id)
	slot := uint32(len(ix.docs))
	ix.docs = append(ix.docs, e)
	ix.nameLen = append(ix.nameLen, uint16(min(utf8.RuneCountInString(e.name), 0xFFFF)))
	ix.idKey = append(ix.idKey, prefixOf(e.id))
	ix.byID[e.id] = slot
	keys = docKeys(keys, e)
	for _, k := range keys {
		i, ok := ix.post[k]
		if !ok {
			i = int32(len(ix.lists))
			ix.post[k] = i
			ix.lists = append(ix.lists, nil)
		}
		// Slots only grow, so appending keeps every list sorted, and a
		// key repeated in this document finds its slot already last.
		if l := ix.lists[i]; len(l) == 0 || l[len(l)-1] != slot {
			ix.lists[i] = append(l, slot)
		}
	}
	return keys
}

// list returns the posting list of a key (nil when absent).
func (ix *Index) list(k uint64) []uint32 {
	if i, ok := ix.post[k]; ok {
		return ix.lists[i]
	}
	return nil
}

// newEntry normalises d and derives its pinyin; it touches no index state.
func newEntry(d Doc) *entry {
	e := &entry{
		id:           d.ID,
		kind:         d.Kind,
		enterpriseID: d.EnterpriseID,
		displayName:  d.Name,
		name:         normalize(d.Name),
		short:        normalize(d.ShortName),
		addr:         normalize(d.Address),
		code:         normalize(d.CreditCode),
	}
	e.pinyin, e.initials, e.starts = pinyinOf(e.name, d.Kind == KindContact)
	for _, m := range d.Mobiles {
		if n := nationalMobile(m); n != "" {
			e.mobiles = append(e.mobiles, n)
		}
	}
	return e
}

// maybeCompact drops tombstones once they are at least as many as the live
// documents (and not trivially few), so replace-heavy sync costs amortised
// O(1) per write.
func (ix *Index) maybeCompact() {
	if ix.dead < 1024 || ix.dead < len(ix.byID) {
		return
	}
	ix.compact()
}

// compact renumbers live slots densely and rewrites every posting list;
// renumbering is monotonic, so lists stay sorted.
func (ix *Index) compact() {
	const gone = ^uint32(0)
	remap := make([]uint32, len(ix.docs))
	docs := make([]*entry, 0, len(ix.byID))
	nameLen := make([]uint16, 0, len(ix.byID))
	idKey := make([]idPrefix, 0, len(ix.byID))
	for old, e := range ix.docs {
		if e == nil {
			remap[old] = gone
			continue
		}
		remap[old] = uint32(len(docs))
		ix.byID[e.id] = uint32(len(docs))
		docs = append(docs, e)
		nameLen = append(nameLen, ix.nameLen[old])
		idKey = append(idKey, ix.idKey[old])
	}
	rewrite := func(list []uint32) []uint32 {
		out := list[:0]
		for _, s := range list {
			if n := remap[s]; n != gone {
				out = append(out, n)
			}
		}
		return slices.Clip(out)
	}
	lists := make([][]uint32, 0, len(ix.post))
	for k, i := range ix.post {
		if list := rewrite(ix.lists[i]); len(list) == 0 {
			delete(ix.post, k)
		} else {
			ix.post[k] = int32(len(lists))
			lists = append(lists, list)
		}
	}
	ix.lists = lists
	ix.docs, ix.nameLen, ix.idKey, ix.dead = docs, nameLen, idKey, 0
}
