package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
)

// Doctor checks the file's consistency: meta, every record against its
// index entries and parent, every index entry against a record, and every
// outbox entry against a record or tombstone. An empty result means
// healthy. It reads only, in one transaction.
func (s *Store) Doctor(ctx context.Context) ([]Inconsistency, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d := &doctor{ctx: ctx, v: s.vault, expected: map[string]string{}}
	err := s.db.View(func(tx *bolt.Tx) error {
		d.tx = tx
		if !d.checkBuckets() {
			return nil
		}
		d.checkMeta()
		if err := d.checkRecords(); err != nil {
			return err
		}
		d.checkIndexes()
		d.checkCreditDups()
		d.checkTombstones()
		d.checkOutbox()
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("doctor: %w", err)
	}
	return d.found, nil
}

// doctor holds one Doctor run.
type doctor struct {
	ctx      context.Context
	tx       *bolt.Tx
	v        *vault // nil for a plaintext store
	found    []Inconsistency
	expected map[string]string // bucket \xff key → value every record implies
}

func (d *doctor) report(bucket []byte, key, issue string) {
	d.found = append(d.found, Inconsistency{Bucket: string(bucket), Key: strings.ReplaceAll(key, sep, "/"), Issue: issue})
}

// checkBuckets reports missing buckets; the other checks need them all.
func (d *doctor) checkBuckets() bool {
	all := [][]byte{bucketMeta, bucketOutbox, bucketTombstones}
	all = append(all, indexBuckets...)
	for _, k := range record.Kinds {
		all = append(all, kindBucket(k))
	}
	ok := true
	for _, b := range all {
		if d.tx.Bucket(b) == nil {
			d.report(b, "", "bucket missing")
			ok = false
		}
	}
	return ok
}

func (d *doctor) checkMeta() {
	m, err := readMeta(d.tx)
	switch {
	case err != nil:
		d.report(bucketMeta, string(metaVersion), err.Error())
	case m.version != schemaVersion:
		d.report(bucketMeta, string(metaVersion), fmt.Sprintf("schema version %d, want %d", m.version, schemaVersion))
	}
	if m.node == "" {
		d.report(bucketMeta, string(metaNode), "node id missing")
	}
	if m.clock != "" {
		if _, err := hlc.Parse(m.clock); err != nil {
			d.report(bucketMeta, string(metaClock), err.Error())
		}
	}
}

// checkRecords decodes every record, checks its key and parent, and
// collects the index entries it implies.
func (d *doctor) checkRecords() error {
	enterprises := d.tx.Bucket(kindBucket(record.KindEnterprise))
	for _, kind := range record.Kinds {
		b := d.tx.Bucket(kindBucket(kind))
		n := 0
		err := b.ForEach(func(k, v []byte) error {
			if n++; n%4096 == 0 {
				if err := d.ctx.Err(); err != nil {
					return err
				}
			}
			if d.v != nil && sealedKind(kind) && (len(v) == 0 || v[0] != sealedMark) {
				d.report(kindBucket(kind), string(k), "personal record stored in plaintext in an encrypted store")
			}
			rec, err := d.v.decode(kind, k, v)
			if err != nil {
				d.report(kindBucket(kind), string(k), "does not decode: "+err.Error())
				return nil
			}
			if rec.Header().ID != string(k) {
				d.report(kindBucket(kind), string(k), "record id is "+rec.Header().ID)
			}
			if c, ok := rec.(record.Child); ok && enterprises.Get([]byte(c.Parent())) == nil {
				d.report(kindBucket(kind), string(k), "parent enterprise "+c.Parent()+" does not exist")
			}
			for _, e := range d.v.indexEntries(rec) {
				if bytes.Equal(e.bucket, bucketCredit) && dupHolder(d.tx, e.key, e.value) {
					d.expectDup(e)
					continue
				}
				d.expect(e, string(k))
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// expect notes an index entry a record implies and reports it when the
// index lacks it.
func (d *doctor) expect(e indexEntry, id string) {
	slot := string(e.bucket) + "\xff" + e.key
	if prev, ok := d.expected[slot]; ok && prev != e.value {
		d.report(e.bucket, e.key, "value held by both "+prev+" and "+id)
	}
	d.expected[slot] = e.value
	got := d.tx.Bucket(e.bucket).Get([]byte(e.key))
	switch {
	case got == nil:
		d.report(e.bucket, e.key, "index entry missing for record "+id)
	case !bytes.Equal(got, []byte(e.value)):
		d.report(e.bucket, e.key, "index points to "+string(got)+", record "+id+" holds this value")
	}
}

// expectDup checks the credit entry of an enterprise that shares its
// code with another (arrived by pull, see bucketCreditDups): the index
// points at the smallest ID of the holders.
func (d *doctor) expectDup(e indexEntry) {
	holders := creditHolders(d.tx, e.key)
	slot := string(e.bucket) + "\xff" + e.key
	d.expected[slot] = holders[0]
	if got := d.tx.Bucket(e.bucket).Get([]byte(e.key)); string(got) != holders[0] {
		d.report(e.bucket, e.key, "index points to "+string(got)+", want the oldest duplicate "+holders[0])
	}
}

// checkCreditDups reports duplicate-list entries whose enterprise is gone
// or holds another code, and codes listed for a single holder.
func (d *doctor) checkCreditDups() {
	dups := d.tx.Bucket(bucketCreditDups)
	if dups == nil {
		return
	}
	holders := map[string]int{}
	_ = dups.ForEach(func(k, _ []byte) error {
		code, id, _ := strings.Cut(string(k), sep)
		holders[code]++
		if !holdsCode(d.tx, id, code) {
			d.report(bucketCreditDups, string(k), "enterprise "+id+" does not hold this credit code")
		}
		return nil
	})
	for code, n := range holders {
		if n < 2 {
			d.report(bucketCreditDups, code, "listed as shared but held by one enterprise")
		}
	}
}

// checkIndexes reports index entries no record implies: stale values or
// deleted records.
func (d *doctor) checkIndexes() {
	for _, b := range indexBuckets {
		_ = d.tx.Bucket(b).ForEach(func(k, v []byte) error {
			if _, ok := d.expected[string(b)+"\xff"+string(k)]; !ok {
				d.report(b, string(k), "no record has this indexed value")
			}
			return nil
		})
	}
}

func (d *doctor) checkTombstones() {
	_ = d.tx.Bucket(bucketTombstones).ForEach(func(k, v []byte) error {
		var t Tombstone
		if err := json.Unmarshal(v, &t); err != nil || !knownKind(t.Kind) {
			d.report(bucketTombstones, string(k), "tombstone does not decode")
		}
		return nil
	})
}

// checkOutbox decodes every change and checks that its record exists, or
// left a tombstone.
func (d *doctor) checkOutbox() {
	_ = d.tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
		key := fmt.Sprintf("%x", k)
		if len(k) == 8 {
			key = strconv.FormatUint(binary.BigEndian.Uint64(k), 10)
		}
		ch, err := d.v.decodeChange(bucketOutbox, k, v)
		if err != nil {
			d.report(bucketOutbox, key, "change does not decode: "+err.Error())
			return nil
		}
		switch {
		case !bytes.Equal(k, seqKey(ch.Seq)):
			d.report(bucketOutbox, key, fmt.Sprintf("change seq is %d", ch.Seq))
		case !knownKind(ch.Kind):
			d.report(bucketOutbox, key, "unknown kind "+string(ch.Kind))
		case d.tx.Bucket(kindBucket(ch.Kind)).Get([]byte(ch.RecordID)) == nil &&
			d.tx.Bucket(bucketTombstones).Get([]byte(ch.RecordID)) == nil:
			d.report(bucketOutbox, key, "record "+ch.RecordID+" neither exists nor has a tombstone")
		}
		return nil
	})
}
