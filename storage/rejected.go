package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Acked is the server's answer for one pushed outbox entry.
type Acked struct {
	Seq uint64
	// Rejected says the server refused the change; Code, Zh and En say
	// why. A rejected change is set aside, not dropped.
	Rejected bool
	Code     string
	Zh       string
	En       string
}

// Rejected is a change the server refused, kept so the user sees it.
type Rejected struct {
	Change Change    `json:"change"`
	Code   string    `json:"code"`
	Zh     string    `json:"zh"`
	En     string    `json:"en"`
	At     time.Time `json:"at"`
}

// AckPush removes the acknowledged entries from the outbox and moves the
// rejected ones to the set-aside list, all in one transaction. Entries
// not named stay in the outbox; unknown seqs are ignored, so acking a
// retried batch twice is harmless.
func (s *Store) AckPush(ctx context.Context, acks []Acked) error {
	if len(acks) == 0 {
		return ctx.Err()
	}
	return s.write(ctx, func(w *writer) error {
		out := w.tx.Bucket(bucketOutbox)
		rej, err := w.tx.CreateBucketIfNotExists(bucketRejected)
		if err != nil {
			return fmt.Errorf("create rejected bucket: %w", err)
		}
		for _, a := range acks {
			key := seqKey(a.Seq)
			data := out.Get(key)
			if data == nil {
				continue
			}
			if a.Rejected {
				if err := setAside(w.v, rej, key, data, a, w.now); err != nil {
					return err
				}
			}
			if err := out.Delete(key); err != nil {
				return fmt.Errorf("ack %d: %w", a.Seq, err)
			}
		}
		return nil
	})
}

func setAside(v *vault, rej *bolt.Bucket, key, data []byte, a Acked, now time.Time) error {
	r := Rejected{Code: a.Code, Zh: a.Zh, En: a.En, At: now}
	var err error
	if r.Change, err = v.decodeChange(bucketOutbox, key, data); err != nil {
		return err
	}
	enc, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encode rejected %d: %w", a.Seq, err)
	}
	enc = v.seal(bucketRejected, key, r.Change.Kind, enc)
	if err := rej.Put(key, enc); err != nil {
		return fmt.Errorf("set aside %d: %w", a.Seq, err)
	}
	return nil
}

// RejectedChanges lists the changes the server refused, oldest first.
func (s *Store) RejectedChanges(ctx context.Context) ([]Rejected, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []Rejected
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRejected)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var r Rejected
			plain, err := s.vault.open(bucketRejected, k, v)
			if err != nil {
				return fmt.Errorf("decode rejected %x: %w", k, err)
			}
			if err := json.Unmarshal(plain, &r); err != nil {
				return fmt.Errorf("decode rejected %x: %w", k, err)
			}
			out = append(out, r)
			return nil
		})
	})
	return out, err
}

// RejectedCount counts the set-aside changes.
func (s *Store) RejectedCount(ctx context.Context) (int, error) {
	return s.countBucket(ctx, bucketRejected)
}
