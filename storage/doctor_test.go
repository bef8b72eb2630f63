package storage

import (
	"context"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
)

func TestDoctorFindsCorruption(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		corrupt func(tx *bolt.Tx, ent *record.Enterprise, con *record.Contact) error
		bucket  string
		issue   string
	}{
		{"healthy store", func(*bolt.Tx, *record.Enterprise, *record.Contact) error { return nil }, "", ""},
		{"index entry removed", func(tx *bolt.Tx, e *record.Enterprise, _ *record.Contact) error {
			return tx.Bucket(bucketStage).Delete([]byte("lead" + sep + e.ID))
		}, "idx_stage", "index entry missing"},
		{"stale index entry", func(tx *bolt.Tx, e *record.Enterprise, _ *record.Contact) error {
			return tx.Bucket(bucketName).Put([]byte("旧名字"+sep+e.ID), nil)
		}, "idx_name", "no record has this indexed value"},
		{"credit index points elsewhere", func(tx *bolt.Tx, e *record.Enterprise, c *record.Contact) error {
			return tx.Bucket(bucketCredit).Put([]byte(e.CreditCode), []byte(c.ID))
		}, "idx_credit", "index points to"},
		{"mobile index of a deleted contact", func(tx *bolt.Tx, _ *record.Enterprise, c *record.Contact) error {
			return tx.Bucket(bucketMobile).Put([]byte("+8613011112222"+sep+c.ID), nil)
		}, "idx_mobile", "no record has this indexed value"},
		{"child without parent", func(tx *bolt.Tx, e *record.Enterprise, _ *record.Contact) error {
			return tx.Bucket(kindBucket(record.KindEnterprise)).Delete([]byte(e.ID))
		}, "contact", "parent enterprise"},
		{"record does not decode", func(tx *bolt.Tx, e *record.Enterprise, _ *record.Contact) error {
			return tx.Bucket(kindBucket(record.KindEnterprise)).Put([]byte(e.ID), []byte("{"))
		}, "enterprise", "does not decode"},
		{"outbox entry does not decode", func(tx *bolt.Tx, _ *record.Enterprise, _ *record.Contact) error {
			return tx.Bucket(bucketOutbox).Put(seqKey(500), []byte("not json"))
		}, "outbox", "does not decode"},
		{"outbox entry for a vanished record", func(tx *bolt.Tx, _ *record.Enterprise, _ *record.Contact) error {
			return tx.Bucket(bucketOutbox).Put(seqKey(501), []byte(`{"seq":501,"kind":"visit","record_id":"01JB0000000000000000000099","op":"put"}`))
		}, "outbox", "neither exists nor has a tombstone"},
		{"meta version wrong", func(tx *bolt.Tx, _ *record.Enterprise, _ *record.Contact) error {
			return tx.Bucket(bucketMeta).Put(metaVersion, []byte("1"))
		}, "meta", "schema version 1"},
		{"node id lost", func(tx *bolt.Tx, _ *record.Enterprise, _ *record.Contact) error {
			return tx.Bucket(bucketMeta).Delete(metaNode)
		}, "meta", "node id missing"},
		{"index bucket dropped", func(tx *bolt.Tx, _ *record.Enterprise, _ *record.Contact) error {
			return tx.DeleteBucket(bucketDue)
		}, "idx_due", "bucket missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t)
			ent := &record.Enterprise{Name: "宁波镇海石化有限公司", CreditCode: creditCode(t, "91330211MA2GXY801")}
			mustCreate(t, s, ent)
			con := newContact(ent.ID, "孙丽", "13600136000")
			mustCreate(t, s, con)
			mustCreate(t, s, &record.Task{EnterpriseID: ent.ID, Title: "报价", Due: "2026-12-03"})
			if err := s.db.Update(func(tx *bolt.Tx) error { return tt.corrupt(tx, ent, con) }); err != nil {
				t.Fatal(err)
			}
			found, err := s.Doctor(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if tt.issue == "" {
				if len(found) != 0 {
					t.Fatalf("healthy store: %+v", found)
				}
				return
			}
			for _, f := range found {
				if f.Bucket == tt.bucket && strings.Contains(f.Issue, tt.issue) {
					return
				}
			}
			t.Fatalf("Doctor = %+v, want %s: %s", found, tt.bucket, tt.issue)
		})
	}
}
