package storage

import (
	"context"
	"encoding/json"
	"maps"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/record"
	bolt "go.etcd.io/bbolt"
)

// writeLayout creates a store file by hand as an older program left it.
func writeLayout(t *testing.T, path string, version int, recs ...record.Record) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		if version >= 1 {
			if err := createBucketsV1(tx, nil); err != nil {
				return err
			}
			meta, err := tx.CreateBucket(bucketMeta)
			if err != nil {
				return err
			}
			if err := meta.Put(metaVersion, []byte("1")); err != nil {
				return err
			}
			if err := meta.Put([]byte("migrated/0001"), []byte("2025-01-01T00:00:00Z")); err != nil {
				return err
			}
		}
		for _, r := range recs {
			b, err := tx.CreateBucketIfNotExists(kindBucket(r.Kind()))
			if err != nil {
				return err
			}
			data, _ := json.Marshal(r)
			if err := b.Put([]byte(r.Header().ID), data); err != nil {
				return err
			}
			if e, ok := r.(*record.Enterprise); ok && version >= 1 {
				// version 1 kept the stage index but had no name index.
				if err := tx.Bucket(bucketStage).Put([]byte(string(e.Stage)+sep+e.ID), nil); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// migrationLog reads the meta entries that record applied steps.
func migrationLog(t *testing.T, s *Store) map[string]string {
	t.Helper()
	log := map[string]string{}
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketMeta).Cursor()
		for k, v := c.Seek(metaMigrations); k != nil && len(k) > len(metaMigrations) && string(k[:len(metaMigrations)]) == string(metaMigrations); k, v = c.Next() {
			log[string(k)] = string(v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return log
}

func TestMigrateOldLayouts(t *testing.T) {
	ctx := context.Background()
	ent := &record.Enterprise{Meta: record.Meta{ID: "01JB0000000000000000000001"}, Name: "浙江四联玩具有限公司", Stage: record.StageLead}
	con := &record.Contact{Meta: record.Meta{ID: "01JB0000000000000000000002"}, EnterpriseID: ent.ID, Name: "王芳", Mobile: "+8613800138000"}
	tests := []struct {
		name    string
		version int
		ran     []string // migration steps recorded by this open
	}{
		{"version 0: records without meta or indexes", 0, []string{"migrated/0001", "migrated/0002"}},
		{"version 1: no duplicate indexes yet", 1, []string{"migrated/0002"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), FileName)
			writeLayout(t, path, tt.version, ent, con)
			clock := newTestClock()
			s := openAt(t, path, Options{Now: clock.Now})
			first := migrationLog(t, s)
			for _, k := range tt.ran {
				if first[k] == "" || first[k] == "2025-01-01T00:00:00Z" {
					t.Errorf("step %s not recorded by this open: %v", k, first)
				}
			}
			if len(first) != schemaVersion {
				t.Errorf("migration log %v, want %d steps", first, schemaVersion)
			}
			mustHealthy(t, s)
			dups, err := s.FindDuplicates(ctx, &record.Enterprise{Name: "四联玩具（浙江）有限公司"}, []string{"138 0013 8000"})
			if err != nil {
				t.Fatal(err)
			}
			var reasons []string
			for _, d := range dups {
				reasons = append(reasons, d.Reason)
			}
			if !slices.Equal(reasons, []string{ReasonName, ReasonMobile}) {
				t.Errorf("duplicates after migration = %v, want name and mobile", dups)
			}
			s.Close()

			clock.Set(clock.Now().Add(time.Hour))
			s = openAt(t, path, Options{Now: clock.Now})
			if again := migrationLog(t, s); !maps.Equal(first, again) {
				t.Errorf("reopen re-ran migrations: %v then %v", first, again)
			}
		})
	}
}
