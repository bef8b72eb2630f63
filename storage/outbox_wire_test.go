package storage

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sealing"
)

// OutboxWire gives every entry, sealed or not, either as JSON that
// decodes to exactly what OutboxAfter returns, or decoded.
func TestOutboxWireMatchesOutbox(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		opts Options
	}{
		{"plaintext", Options{Author: "tester", Now: newTestClock().Now}},
		{"sealed", Options{Author: "tester", Now: newTestClock().Now, Passphrase: []byte("pw"), KeyCost: sealing.LowCostParams()}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := openAt(t, filepath.Join(t.TempDir(), FileName), tt.opts)
			e := &record.Enterprise{Name: "丽水智造有限公司", Stage: record.StageLead, Notes: "含\"引号\"与\n换行"}
			if err := s.Create(ctx, e); err != nil {
				t.Fatal(err)
			}
			if err := s.BulkCreate(ctx, []record.Record{&record.Enterprise{Name: "景宁玩具", Stage: record.StageVisited}}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Patch(ctx, record.KindEnterprise, e.ID, map[string]json.RawMessage{"address": json.RawMessage(`"丽水市莲都区"`)}); err != nil {
				t.Fatal(err)
			}
			if err := s.Delete(ctx, e.ID); err != nil {
				t.Fatal(err)
			}
			if tt.opts.Passphrase == nil {
				// An entry in another form (keys reordered): decoded.
				err := s.db.Update(func(tx *bolt.Tx) error {
					b := tx.Bucket(bucketOutbox)
					seq, _ := b.NextSequence()
					return b.Put(seqKey(seq), []byte(`{"mutation_id":"01KOTHER","seq":`+strconv.FormatUint(seq, 10)+
						`,"kind":"enterprise","record_id":"`+e.ID+`","op":"put","fields":{"notes":"x"},"versions":{"notes":"1764144000000.00000.x"},"at":"2026-11-26T08:00:00Z"}`))
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			want, err := s.OutboxAfter(ctx, 1, 0)
			if err != nil || len(want) < 3 {
				t.Fatalf("OutboxAfter = %d entries, %v", len(want), err)
			}
			var got []Change
			wires := 0
			err = s.OutboxWire(ctx, 1, 0, func(ch Change, wire []byte) error {
				if wire != nil {
					wires++
					var full Change
					if err := json.Unmarshal(wire, &full); err != nil {
						t.Fatalf("wire of %d: %v", ch.Seq, err)
					}
					if full.Seq != ch.Seq || full.MutationID != ch.MutationID {
						t.Fatalf("wire of %d/%s holds %d/%s", ch.Seq, ch.MutationID, full.Seq, full.MutationID)
					}
					ch = full
				}
				got = append(got, ch)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if wires != 3 {
				t.Errorf("%d of %d entries came as wire, want the 3 the store wrote", wires, len(want))
			}
			if !reflect.DeepEqual(normalizeChanges(got), normalizeChanges(want)) {
				t.Fatalf("OutboxWire:\n%+v\nOutboxAfter:\n%+v", got, want)
			}
			var limited int
			s.OutboxWire(ctx, 0, 2, func(Change, []byte) error { limited++; return nil })
			if limited != 2 {
				t.Fatalf("limit 2 gave %d entries", limited)
			}
		})
	}
}

// normalizeChanges compares times by instant (JSON keeps no monotonic
// reading).
func normalizeChanges(cs []Change) []Change {
	out := make([]Change, len(cs))
	for i, c := range cs {
		c.At = c.At.UTC().Round(0)
		out[i] = c
	}
	return out
}

func TestWireMutationID(t *testing.T) {
	tests := []struct {
		name, plain string
		seq         uint64
		want        string
		ok          bool
	}{
		{"stored form", `{"seq":12,"mutation_id":"01JD","kind":"enterprise"}`, 12, "01JD", true},
		{"other seq", `{"seq":12,"mutation_id":"01JD","kind":"enterprise"}`, 1, "", false},
		{"seq prefix only", `{"seq":123,"mutation_id":"01JD","kind":"enterprise"}`, 12, "", false},
		{"escaped id", `{"seq":1,"mutation_id":"01\u004a","kind":"enterprise"}`, 1, "", false},
		{"empty id", `{"seq":1,"mutation_id":"","kind":"enterprise"}`, 1, "", false},
		{"other key order", `{"mutation_id":"01JD","seq":1,"kind":"enterprise"}`, 1, "", false},
		{"no kind after id", `{"seq":1,"mutation_id":"01JD"}`, 1, "", false},
		{"not closed", `{"seq":1,"mutation_id":"01JD","kind":"enterprise"`, 1, "", false},
		{"spaces", `{"seq": 1,"mutation_id":"01JD","kind":"enterprise"}`, 1, "", false},
		{"empty", ``, 1, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := wireMutationID([]byte(tt.plain), tt.seq)
			if got != tt.want || ok != tt.ok {
				t.Errorf("wireMutationID = %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}
