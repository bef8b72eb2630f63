package storage

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sealing"
	"github.com/shanhaifield/shanhai/sync/protocol"
	bolt "go.etcd.io/bbolt"
)

// vault seals the personal values of an encrypted store: every stored
// contact and visit, and the outbox, conflict and rejected entries of
// those kinds (they carry field values). A nil *vault is a plaintext
// store: its methods then pass values through.
type vault struct {
	keys *sealing.Keys
}

// sealedMark starts a sealed stored value; plaintext values are JSON and
// start with '{'. After it come the kind, a zero byte and the sealed box:
// the kind stays readable so ProbeFile can count pending changes by kind
// without the passphrase (a kind is not personal).
const sealedMark = 0x01

// sealedKind reports whether values of kind hold personal information.
// Enterprises are companies, not people: they stay plaintext, so their
// indexes and the 100k benchmarks are unaffected.
func sealedKind(k record.Kind) bool { return k == record.KindContact || k == record.KindVisit }

// sealAD is the associated data of a value: its bucket, key and kind, so
// a sealed value copied to another record or bucket does not open.
func sealAD(bucket, key []byte, kind record.Kind) []byte {
	ad := make([]byte, 0, len(bucket)+len(key)+len(kind)+2)
	ad = append(append(ad, bucket...), 0)
	ad = append(append(ad, key...), 0)
	return append(ad, kind...)
}

// seal returns the stored form of plain, a value of kind stored at
// bucket/key: sealed when the store is encrypted and kind is personal.
func (v *vault) seal(bucket, key []byte, kind record.Kind, plain []byte) []byte {
	if v == nil || !sealedKind(kind) {
		return plain
	}
	out := make([]byte, 0, 2+len(kind)+len(plain)+sealing.Overhead)
	out = append(append(append(out, sealedMark), kind...), 0)
	return v.keys.Seal(out, plain, sealAD(bucket, key, kind))
}

// sealedKindOf returns the kind a sealed stored value declares.
func sealedKindOf(data []byte) (record.Kind, []byte, bool) {
	if len(data) == 0 || data[0] != sealedMark {
		return "", nil, false
	}
	kind, box, ok := bytes.Cut(data[1:], []byte{0})
	return record.Kind(kind), box, ok
}

// open returns the plaintext of a stored value read at bucket/key. A
// plaintext value passes through (a store written before encryption, or
// a kind that is not sealed).
func (v *vault) open(bucket, key, data []byte) ([]byte, error) {
	if len(data) == 0 || data[0] != sealedMark {
		return data, nil
	}
	kind, box, ok := sealedKindOf(data)
	if !ok {
		return nil, fmt.Errorf("%s %s: sealed value without kind: %w", bucket, key, sealing.ErrFormat)
	}
	if v == nil {
		return nil, fmt.Errorf("%s %s: %w", bucket, key, ErrLocked)
	}
	plain, err := v.keys.Open(nil, box, sealAD(bucket, key, kind))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", bucket, key, err)
	}
	return plain, nil
}

// encode is the stored form of a record.
func (v *vault) encode(rec record.Record) ([]byte, error) {
	data, err := encodeRecord(rec)
	if err != nil {
		return nil, err
	}
	return v.seal(kindBucket(rec.Kind()), []byte(rec.Header().ID), rec.Kind(), data), nil
}

// sealRecordJSON seals the already encoded JSON of a record.
func (v *vault) sealRecordJSON(kind record.Kind, id string, data []byte) []byte {
	return v.seal(kindBucket(kind), []byte(id), kind, data)
}

// decode reads a stored record of kind kept under key id.
func (v *vault) decode(kind record.Kind, id, data []byte) (record.Record, error) {
	plain, err := v.open(kindBucket(kind), id, data)
	if err != nil {
		return nil, err
	}
	return decodeRecord(kind, plain)
}

// mobileKey is the idx_mobile key part of a mobile number: the number in
// a plaintext store, its keyed MAC in an encrypted one, so the index
// finds equal numbers without holding them.
func (v *vault) mobileKey(m string) string {
	m = mobileKey(m)
	if v == nil || m == "" {
		return m
	}
	return hex.EncodeToString(v.keys.MAC([]byte("mobile" + sep + m))[:16])
}

// load reads one record of a known kind.
func (v *vault) load(tx *bolt.Tx, kind record.Kind, id string) (record.Record, error) {
	b := tx.Bucket(kindBucket(kind))
	if b == nil {
		return nil, fmt.Errorf("load: unknown kind %q", kind)
	}
	data := b.Get([]byte(id))
	if data == nil {
		return nil, fmt.Errorf("%s %s: %w", kind, id, ErrNotFound)
	}
	rec, err := v.decode(kind, []byte(id), data)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", kind, id, err)
	}
	return rec, nil
}

// loadEnterprise reads an enterprise where no vault is at hand:
// enterprises are never sealed (see sealedKind).
func loadEnterprise(tx *bolt.Tx, id string) (record.Record, error) {
	var none *vault
	return none.load(tx, record.KindEnterprise, id)
}

// find reads a record whose kind is not known: IDs are unique across
// kinds, so the first bucket that has it is the one.
func (v *vault) find(tx *bolt.Tx, id string) (record.Record, error) {
	for _, k := range record.Kinds {
		if data := tx.Bucket(kindBucket(k)).Get([]byte(id)); data != nil {
			rec, err := v.decode(k, []byte(id), data)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", k, id, err)
			}
			return rec, nil
		}
	}
	return nil, fmt.Errorf("record %s: %w", id, ErrNotFound)
}

// decodeChange reads an outbox entry stored at bucket/key.
func (v *vault) decodeChange(bucket, key, data []byte) (Change, error) {
	var ch Change
	plain, err := v.open(bucket, key, data)
	if err != nil {
		return ch, fmt.Errorf("outbox entry %x: %w", key, err)
	}
	if ch, ok := fastChange(plain, len(data) == 0 || data[0] != sealedMark); ok {
		return ch, nil
	}
	if err := json.Unmarshal(plain, &ch); err != nil {
		return ch, fmt.Errorf("outbox entry %x: %w", key, err)
	}
	return ch, nil
}

// fastChange decodes an outbox entry in the form encodeChange writes
// without reflection (reading the outbox was a fifth of an initial
// push's time); ok is false for anything else, which encoding/json then
// decodes. The values alias the entry, so an entry still in the mapped
// file (inFile: not unsealed into a fresh buffer) is copied first.
func fastChange(plain []byte, inFile bool) (Change, bool) {
	if inFile {
		plain = bytes.Clone(plain)
	}
	c, ok := protocol.FastChange(plain)
	if !ok {
		return Change{}, false
	}
	return Change{Seq: c.ClientSeq, MutationID: c.MutationID, Kind: record.Kind(c.Kind), RecordID: c.RecordID,
		Op: Op(c.Op), Fields: c.Fields, Versions: c.Versions, Bases: c.Bases, At: c.At, Author: c.Author}, true
}
