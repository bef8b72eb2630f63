package boltstore

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// tx implements store.Tx on a bbolt write transaction.
type tx struct{ b *bolt.Tx }

func seqKey(seq uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, seq)
	return k
}

func mutationKey(client, mutation string) []byte {
	return []byte(client + "\x00" + mutation)
}

// Record implements store.Tx.
func (t *tx) Record(ctx context.Context, id string) (store.Record, bool, error) {
	v := t.b.Bucket(bRecords).Get([]byte(id))
	if v == nil {
		return store.Record{}, false, ctx.Err()
	}
	var r store.Record
	if err := json.Unmarshal(v, &r); err != nil {
		return store.Record{}, false, fmt.Errorf("record %s: %w: %v", id, errCorrupt, err)
	}
	return r, true, nil
}

// PutRecord implements store.Tx.
func (t *tx) PutRecord(ctx context.Context, rec, prev store.Record) error {
	data, err := store.EncodeRecord(rec)
	if err != nil {
		return fmt.Errorf("encode record %s: %w", rec.State.ID, err)
	}
	id := []byte(rec.State.ID)
	if err := t.b.Bucket(bRecords).Put(id, data); err != nil {
		return fmt.Errorf("write record %s: %w", id, err)
	}
	if err := t.moveChild(rec, prev); err != nil {
		return err
	}
	seqs, zones := t.b.Bucket(bSeq), t.b.Bucket(bZones)
	if prev.Seq != 0 {
		if err := seqs.Delete(seqKey(prev.Seq)); err != nil {
			return err
		}
		for _, z := range prev.IndexZones() {
			if zb := zones.Bucket([]byte(z)); zb != nil {
				if err := zb.Delete(seqKey(prev.Seq)); err != nil {
					return err
				}
			}
		}
	}
	wire, err := store.Wire(rec)
	if err != nil {
		return err
	}
	if err := t.b.Bucket(bWire).Put(id, wire); err != nil {
		return fmt.Errorf("write pull form %s: %w", id, err)
	}
	if err := seqs.Put(seqKey(rec.Seq), encodeEntry(rec, true)); err != nil {
		return err
	}
	for _, z := range rec.IndexZones() {
		zb, err := zones.CreateBucketIfNotExists([]byte(z))
		if err != nil {
			return fmt.Errorf("zone index %s: %w", z, err)
		}
		zb.FillPercent = fillAppend
		if err := zb.Put(seqKey(rec.Seq), encodeEntry(rec, slices.Contains(rec.Zones, z))); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// Index entry flags.
const (
	flagVisible = 1 << iota
	flagTomb
)

// encodeEntry is the value of a pull index entry: flags, kind, NUL, id.
func encodeEntry(rec store.Record, visible bool) []byte {
	var flags byte
	if visible {
		flags |= flagVisible
	}
	if rec.Tomb() {
		flags |= flagTomb
	}
	v := append([]byte{flags}, rec.State.Kind...)
	return append(append(v, 0), rec.State.ID...)
}

func decodeEntry(k, v []byte) (store.Entry, error) {
	if len(k) != 8 || len(v) < 3 {
		return store.Entry{}, fmt.Errorf("pull index entry %x: %w", k, errCorrupt)
	}
	i := bytes.IndexByte(v[1:], 0) + 1 // the flags byte may itself be 0
	if i < 2 {
		return store.Entry{}, fmt.Errorf("pull index entry %x: %w", k, errCorrupt)
	}
	return store.Entry{Kind: string(v[1:i]), ID: string(v[i+1:]), Seq: binary.BigEndian.Uint64(k),
		Visible: v[0]&flagVisible != 0, Tomb: v[0]&flagTomb != 0}, nil
}

// moveChild keeps the parent → child index in step with rec.Parent.
func (t *tx) moveChild(rec, prev store.Record) error {
	if rec.Parent == prev.Parent && prev.Seq != 0 {
		return nil
	}
	b := t.b.Bucket(bChildren)
	if prev.Parent != "" {
		if err := b.Delete(childKey(prev.Parent, prev.State.ID)); err != nil {
			return err
		}
	}
	if rec.Parent == "" {
		return nil
	}
	return b.Put(childKey(rec.Parent, rec.State.ID), nil)
}

func childKey(parent, child string) []byte { return []byte(parent + "\x00" + child) }

// Children implements store.Tx.
func (t *tx) Children(ctx context.Context, id string) ([]store.Record, error) {
	prefix := childKey(id, "")
	var out []store.Record
	c := t.b.Bucket(bChildren).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		r, ok, err := t.Record(ctx, string(k[len(prefix):]))
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// NextSeq implements store.Tx.
func (t *tx) NextSeq(ctx context.Context) (uint64, error) {
	return t.b.Bucket(bSeq).NextSequence()
}

// Mutation implements store.Tx.
func (t *tx) Mutation(ctx context.Context, client, mutation string) (protocol.Result, bool, error) {
	v := t.b.Bucket(bMutations).Get(mutationKey(client, mutation))
	if v == nil {
		return protocol.Result{}, false, ctx.Err()
	}
	var r protocol.Result
	if err := json.Unmarshal(v, &r); err != nil {
		return protocol.Result{}, false, fmt.Errorf("mutation %s: %w: %v", mutation, errCorrupt, err)
	}
	return r, true, nil
}

// PutMutation implements store.Tx.
func (t *tx) PutMutation(ctx context.Context, client string, ch protocol.Change, res protocol.Result) error {
	v, err := json.Marshal(res)
	if err != nil {
		return err
	}
	return t.b.Bucket(bMutations).Put(mutationKey(client, ch.MutationID), v)
}

type clientMark struct {
	MutationID string    `json:"mutation_id"`
	ClientSeq  uint64    `json:"seq"`
	At         time.Time `json:"at"`
}

// SetClient implements store.Tx.
func (t *tx) SetClient(ctx context.Context, client, mutation string, seq uint64, at time.Time) error {
	v, err := json.Marshal(clientMark{mutation, seq, at})
	if err != nil {
		return err
	}
	return t.b.Bucket(bClients).Put([]byte(client), v)
}

// LastMutation implements store.Tx.
func (t *tx) LastMutation(ctx context.Context, client string) (string, error) {
	v := t.b.Bucket(bClients).Get([]byte(client))
	if v == nil {
		return "", ctx.Err()
	}
	var m clientMark
	if err := json.Unmarshal(v, &m); err != nil {
		return "", fmt.Errorf("client %s: %w: %v", client, errCorrupt, err)
	}
	return m.MutationID, nil
}
