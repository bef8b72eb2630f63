package storage

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sync/protocol"
	bolt "go.etcd.io/bbolt"
)

// TestPulledCreditDuplicates: two laptops created the same enterprise
// offline, so two records with one credit code arrive by pull. Both are
// kept whatever the order; the credit index points at the older ID; the
// pair is listed as a possible duplicate; both stay editable; deleting
// one leaves the other indexed and the pair is gone.
func TestPulledCreditDuplicates(t *testing.T) {
	const code = `"91330106146284376K"`
	older, newer := "01JD0000000000000000000001", "01JD0000000000000000000009"
	for _, order := range [][]string{{older, newer}, {newer, older}} {
		t.Run(order[0][len(order[0])-1:]+"-first", func(t *testing.T) {
			ctx := context.Background()
			s := openTest(t)
			for i, id := range order {
				r := remote(id, uint64(i+1), "name", `"杭州同码公司`+id[len(id)-1:]+`"`, stampOld, "credit_code", code, stampOld)
				if err := s.ApplyRemote(ctx, []protocol.Record{r}, uint64(i+1)); err != nil {
					t.Fatal(err)
				}
			}
			dups, err := s.CreditDuplicates(ctx)
			if err != nil || len(dups) != 1 || len(dups[0].IDs) != 2 || dups[0].IDs[0] != older {
				t.Fatalf("CreditDuplicates = %+v, %v", dups, err)
			}
			found, err := s.FindDuplicates(ctx, &record.Enterprise{Name: "另一家", CreditCode: "91330106146284376K"}, nil)
			if err != nil || len(found) != 2 {
				t.Fatalf("FindDuplicates = %+v, %v; want both holders", found, err)
			}
			if incs, err := s.Doctor(ctx); err != nil || len(incs) != 0 {
				t.Fatalf("Doctor = %+v, %v", incs, err)
			}
			// A third local enterprise with the code is still refused,
			// naming the older holder.
			err = s.Create(ctx, &record.Enterprise{Name: "第三家", CreditCode: "91330106146284376K", Stage: record.StageLead})
			var de *DuplicateError
			if !errors.As(err, &de) || de.ID != older {
				t.Fatalf("third create: %v", err)
			}
			// The newer one can still be edited until staff merge them.
			if _, err := s.Patch(ctx, record.KindEnterprise, newer, map[string]json.RawMessage{"notes": json.RawMessage(`"待合并"`)}); err != nil {
				t.Fatalf("edit the newer duplicate: %v", err)
			}
			if err := s.Delete(ctx, older); err != nil {
				t.Fatal(err)
			}
			if dups, _ := s.CreditDuplicates(ctx); len(dups) != 0 {
				t.Fatalf("pair still listed after the merge: %+v", dups)
			}
			found, _ = s.FindDuplicates(ctx, &record.Enterprise{Name: "另一家", CreditCode: "91330106146284376K"}, nil)
			if len(found) != 1 || found[0].ID != newer {
				t.Fatalf("after deleting the older: %+v", found)
			}
			if incs, err := s.Doctor(ctx); err != nil || len(incs) != 0 {
				t.Fatalf("Doctor = %+v, %v", incs, err)
			}
		})
	}
}

// TestDoctorFindsStaleCreditDup: a duplicate-list entry whose enterprise
// is gone is reported.
func TestDoctorFindsStaleCreditDup(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	const code = `"91330106146284376K"`
	for i, id := range []string{"01JD0000000000000000000001", "01JD0000000000000000000009"} {
		r := remote(id, uint64(i+1), "name", `"同码公司"`, stampOld, "credit_code", code, stampOld)
		if err := s.ApplyRemote(ctx, []protocol.Record{r}, uint64(i+1)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCreditDups).Put([]byte("91330106146284376K"+sep+"01JD0000000000000000000005"), nil)
	}); err != nil {
		t.Fatal(err)
	}
	issues, err := s.Doctor(ctx)
	if err != nil || len(issues) != 1 || issues[0].Bucket != string(bucketCreditDups) {
		t.Fatalf("Doctor = %+v, %v; want the stale entry", issues, err)
	}
}
