package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/search"
	bolt "go.etcd.io/bbolt"
)

// docOf is the search document of a record; only enterprises and contacts
// are searchable.
func docOf(rec record.Record) (search.Doc, bool) {
	switch r := rec.(type) {
	case *record.Enterprise:
		return search.Doc{ID: r.ID, Kind: search.KindEnterprise, Name: r.Name, ShortName: r.ShortName,
			Address: r.Address, CreditCode: r.CreditCode}, true
	case *record.Contact:
		d := search.Doc{ID: r.ID, Kind: search.KindContact, EnterpriseID: r.EnterpriseID, Name: r.Name}
		if r.Mobile != "" {
			d.Mobiles = []string{r.Mobile}
		}
		return d, true
	}
	return search.Doc{}, false
}

// searchApply brings a built index up to date after a commit. Before the
// first build there is nothing to update: the build reads the records.
func (s *Store) searchApply(touched []record.Record, removed []string) {
	if len(touched) == 0 && len(removed) == 0 {
		return
	}
	s.searchMu.Lock()
	defer s.searchMu.Unlock()
	if s.index == nil {
		return
	}
	docs := make([]search.Doc, 0, len(touched))
	for _, rec := range touched {
		if d, ok := docOf(rec); ok {
			docs = append(docs, d)
		}
	}
	s.index.PutAll(docs)
	for _, id := range removed {
		s.index.Remove(id)
	}
}

// BuildSearchIndex builds the search index now, if it is not built yet.
// Search does this itself on first use; the app calls it in the background
// after Open so the first search is quick.
func (s *Store) BuildSearchIndex(ctx context.Context) error {
	_, err := s.searchIndex(ctx)
	return err
}

// searchIndex returns the index, building it from the records on first use.
func (s *Store) searchIndex(ctx context.Context) (*search.Index, error) {
	s.searchMu.Lock()
	defer s.searchMu.Unlock()
	if s.index != nil {
		return s.index, nil
	}
	start := time.Now()
	b := search.NewBuilder()
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, k := range []record.Kind{record.KindEnterprise, record.KindContact} {
			if err := s.addSearchDocs(ctx, tx, k, b.Add); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("build search index: %w", err)
	}
	s.index = b.Index()
	// The build read every enterprise and contact page of the file; give
	// those pages back rather than keep them resident (see releasePages).
	s.releasePages()
	// The build's garbage (every record decoded once, the arena grown by
	// doubling) is a one-off peak: at 100k enterprises it left the Go heap
	// about 250 MB above what the index keeps, which the runtime would
	// otherwise hand back to the system only slowly.
	debug.FreeOSMemory()
	s.log.Debug("search index built", "docs", s.index.Len(), "took", time.Since(start))
	return s.index, nil
}

// searchFields is the part of an enterprise search needs; decoding only
// these skips the versions map and other fields, which halves the time to
// build the index from 100k enterprises.
type searchFields struct {
	ID           string       `json:"id"`
	EnterpriseID string       `json:"enterprise_id"`
	Name         string       `json:"name"`
	ShortName    string       `json:"short_name"`
	Address      string       `json:"address"`
	CreditCode   string       `json:"credit_code"`
	Mobile       string       `json:"mobile"`
	Stage        record.Stage `json:"stage"` // for hits
	Title        string       `json:"title"` // a contact's 职务, for hits
}

// addSearchDocs streams one kind's records into add as search documents,
// one record at a time. Enterprises are decoded only as far as search
// needs; contacts go through the vault, so a sealed store's are opened
// here, after unlock, and only the in-memory index holds their text.
func (s *Store) addSearchDocs(ctx context.Context, tx *bolt.Tx, kind record.Kind, add func(search.Doc)) error {
	n := 0
	return tx.Bucket(kindBucket(kind)).ForEach(func(k, v []byte) error {
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if n%releaseEvery == 0 { // pages read so far are not read again
			if err := s.releaseTxPages(tx); err != nil {
				s.log.Warn("release store file pages", "err", err)
			}
		}
		rec, err := searchRecord(s.vault, kind, k, v)
		if err != nil {
			return fmt.Errorf("%s %s: %w", kind, k, err)
		}
		if d, ok := docOf(rec); ok {
			add(d)
		}
		return nil
	})
}

// releaseEvery is how many records the index build reads between giving
// back the file pages read (about 50 MB of them at 100k enterprises).
const releaseEvery = 32768

// searchRecord decodes what search needs of a stored record.
func searchRecord(vt *vault, kind record.Kind, id, data []byte) (record.Record, error) {
	if kind != record.KindEnterprise {
		return vt.decode(kind, id, data)
	}
	var f searchFields
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, err
	}
	return &record.Enterprise{Meta: record.Meta{ID: f.ID}, Name: f.Name, ShortName: f.ShortName,
		Address: f.Address, CreditCode: f.CreditCode, Stage: f.Stage}, nil
}

// Search finds enterprises and contacts by name, short name, pinyin,
// address, credit code or mobile, best first.
func (s *Store) Search(ctx context.Context, q string, limit int) ([]Hit, error) {
	ix, err := s.searchIndex(ctx)
	if err != nil {
		return nil, err
	}
	results := ix.Query(q, limit)
	if len(results) == 0 {
		return nil, nil
	}
	hits := make([]Hit, 0, len(results))
	err = s.db.View(func(tx *bolt.Tx) error {
		for _, r := range results {
			h, ok, err := hitOf(tx, s.vault, r)
			if err != nil {
				return err
			}
			if ok {
				hits = append(hits, h)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	// Each keystroke reads up to limit records (and the window reads them
	// again right after), scattered over the file: typing fifty keys kept
	// 100 MB of file pages resident. Giving them back costs a page-table
	// walk here and a few hundred page-cache faults on the next read:
	// about 0.4 ms a search in BenchmarkSearch.
	s.releasePages()
	return hits, nil
}

// fieldZh names a matched field for the UI.
var fieldZh = map[string]string{
	"name": "名称", "short_name": "简称", "pinyin_initials": "拼音首字母", "pinyin": "拼音",
	"address": "地址", "credit_code": "统一社会信用代码", "mobile": "手机号",
}

// hitOf turns a search result into a Hit with its title and the matched
// text. A result whose record is gone (deleted between query and read) is
// skipped. It decodes only the fields a hit shows: a page of 50 hits is
// most of a search's time otherwise.
func hitOf(tx *bolt.Tx, vt *vault, r search.Result) (Hit, bool, error) {
	kind := record.Kind(r.Kind)
	f, ok, err := loadSearchFields(tx, vt, kind, r.ID)
	if err != nil || !ok {
		return Hit{}, false, err
	}
	h := Hit{Kind: kind, ID: r.ID, Score: r.Score, Title: f.Name}
	label := fieldZh[r.Field]
	switch kind {
	case record.KindEnterprise:
		switch r.Field {
		case "short_name":
			h.Sub = label + "：" + f.ShortName
		case "address":
			h.Sub = label + "：" + f.Address
		case "credit_code":
			h.Sub = label + "：" + f.CreditCode
		default:
			h.Sub = "企业 · " + f.Stage.Chinese()
		}
	case record.KindContact:
		if p, ok, err := loadSearchFields(tx, vt, record.KindEnterprise, f.EnterpriseID); err == nil && ok {
			h.Title += "（" + p.Name + "）"
		}
		switch {
		case r.Field == "mobile":
			h.Sub = label + "：" + f.Mobile
		case f.Title != "":
			h.Sub = "联系人 · " + f.Title
		default:
			h.Sub = "联系人"
		}
	}
	return h, true, nil
}

// loadSearchFields reads the searchable fields of one record.
func loadSearchFields(tx *bolt.Tx, vt *vault, kind record.Kind, id string) (searchFields, bool, error) {
	b := tx.Bucket(kindBucket(kind))
	if b == nil {
		return searchFields{}, false, fmt.Errorf("search: unknown kind %q", kind)
	}
	data := b.Get([]byte(id))
	if data == nil {
		return searchFields{}, false, nil
	}
	if kind == record.KindContact { // through the decode path, as addSearchDocs
		rec, err := vt.decode(kind, []byte(id), data)
		if err != nil {
			return searchFields{}, false, fmt.Errorf("%s %s: %w", kind, id, err)
		}
		c := rec.(*record.Contact)
		return searchFields{ID: c.ID, EnterpriseID: c.EnterpriseID, Name: c.Name, Mobile: c.Mobile, Title: c.Title}, true, nil
	}
	var f searchFields
	if err := json.Unmarshal(data, &f); err != nil {
		return searchFields{}, false, fmt.Errorf("%s %s: %w", kind, id, err)
	}
	return f, true, nil
}
