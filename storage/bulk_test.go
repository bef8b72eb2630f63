package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

func TestBulkCreate(t *testing.T) {
	ctx := context.Background()
	code := creditCode(t, "91331100MA2A00001")
	// A parent and its child in one batch: the child may name the
	// parent's ID because imports carry IDs.
	parentID := "01JC0000000000000000000001"
	batch := func() []record.Record {
		return []record.Record{
			&record.Enterprise{Meta: record.Meta{ID: parentID}, Name: "丽水莲都阀门有限公司", CreditCode: code},
			newContact(parentID, "吴刚", "13500135000"),
			newEnt("丽水龙泉青瓷有限公司"),
		}
	}
	tests := []struct {
		name    string
		recs    func() []record.Record
		wantErr string // "" = success
		stored  int
	}{
		{"parent and child in one batch", batch, "", 3},
		{"invalid record names its position", func() []record.Record {
			b := batch()
			b[0].Header().ID = ""
			return append(b[:1], newEnt("甲乙"), &record.Task{EnterpriseID: parentID, Title: "无日期"})
		}, "record 2", 0},
		{"duplicate inside the batch rejects all", func() []record.Record {
			return []record.Record{
				&record.Enterprise{Name: "甲公司", CreditCode: code},
				&record.Enterprise{Name: "乙公司", CreditCode: code},
			}
		}, "record 1", 0},
		{"missing parent rejects all", func() []record.Record {
			return []record.Record{newEnt("丙公司"), newContact("01JC0000000000000000000009", "张三", "")}
		}, "record 1", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t)
			recs := tt.recs()
			err := s.BulkCreate(ctx, recs)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("BulkCreate error %v, want %q", err, tt.wantErr)
			}
			total := 0
			for _, k := range record.Kinds {
				n, _ := s.Count(ctx, k)
				total += n
			}
			pending, _ := s.Pending(ctx)
			if total != tt.stored || pending != tt.stored {
				t.Fatalf("stored %d records, %d changes, want %d", total, pending, tt.stored)
			}
			if err != nil {
				for _, r := range recs {
					if r.Header().Versions != nil {
						t.Fatalf("rejected batch left meta on %+v", r.Header())
					}
				}
			}
			mustHealthy(t, s)
		})
	}
	var ve *record.ValidationError
	s := openTest(t)
	if err := s.BulkCreate(ctx, []record.Record{newEnt("")}); !errors.As(err, &ve) {
		t.Fatalf("invalid record error %v, want *record.ValidationError", err)
	}
}

// TestBulkCreateLargeBatch goes through the parallel preparation and
// encoding: the first bad record is named whatever the scheduling, and a
// good batch comes out the same as one record at a time.
func TestBulkCreateLargeBatch(t *testing.T) {
	ctx := context.Background()
	batch := func(bad ...int) []record.Record {
		recs := make([]record.Record, 1500)
		for i := range recs {
			recs[i] = &record.Enterprise{Name: fmt.Sprintf("批量导入测试%04d有限公司", i)}
		}
		for _, i := range bad {
			recs[i].(*record.Enterprise).Name = ""
		}
		return recs
	}
	tests := []struct {
		name    string
		bad     []int
		wantErr string
	}{
		{"all good", nil, ""},
		{"two bad: the first is named", []int{1201, 777}, "record 777:"},
		{"bad at the end", []int{1499}, "record 1499:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t)
			recs := batch(tt.bad...)
			err := s.BulkCreate(ctx, recs)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			chs, err := s.Outbox(ctx, 0)
			if err != nil || len(chs) != len(recs) {
				t.Fatalf("outbox %d changes, %v", len(chs), err)
			}
			for i, c := range chs {
				id := recs[i].Header().ID
				if c.RecordID != id || c.Seq != uint64(i+1) || i > 0 && id <= recs[i-1].Header().ID {
					t.Fatalf("change %d = %+v for record %s: want seq and id in batch order", i, c, id)
				}
			}
			mustHealthy(t, s)
		})
	}
}

func TestBulkCreateKeepMeta(t *testing.T) {
	ctx := context.Background()
	src := openTest(t)
	e := &record.Enterprise{Name: "浙江四联玩具有限公司"}
	if err := src.Create(ctx, e); err != nil {
		t.Fatal(err)
	}
	kept := *e
	kept.Versions = map[string]string{}
	for k, v := range e.Versions {
		kept.Versions[k] = v
	}

	dst := openTest(t)
	copyRec := kept
	if err := dst.BulkCreate(ctx, []record.Record{&copyRec}, BulkOptions{KeepMeta: true}); err != nil {
		t.Fatal(err)
	}
	got, err := dst.Get(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	g := got.(*record.Enterprise)
	if !g.CreatedAt.Equal(e.CreatedAt) || g.Author != e.Author || g.Versions["name"] != e.Versions["name"] {
		t.Fatalf("meta not kept: got %+v, want %+v", g.Meta, e.Meta)
	}
	// A later local edit must still win over the imported version.
	edited, err := dst.Patch(ctx, record.KindEnterprise, e.ID, map[string]json.RawMessage{"name": json.RawMessage(`"四联玩具（景宁）有限公司"`)})
	if err != nil {
		t.Fatal(err)
	}
	if edited.Header().Versions["name"] <= e.Versions["name"] {
		t.Fatalf("edit stamp %s not after imported %s", edited.Header().Versions["name"], e.Versions["name"])
	}

	bad := record.Enterprise{Name: "坏版本有限公司", Meta: record.Meta{Versions: map[string]string{"name": "yesterday"}}}
	if err := dst.BulkCreate(ctx, []record.Record{&bad}, BulkOptions{KeepMeta: true}); err == nil {
		t.Fatal("a version that is not an HLC stamp was accepted")
	}
}

// TestBulkCreateDuplicateCreditCodeInOneBatch: index writes are deferred to
// the end of a batch, so uniqueness must still hold between two records of
// the same batch, and against a stored one.
func TestBulkCreateDuplicateCreditCodeInOneBatch(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	code := creditCode(t, "91331100MA2A00001")
	inBatch := []record.Record{
		&record.Enterprise{Name: "丽水甲公司", CreditCode: code},
		&record.Enterprise{Name: "丽水乙公司", CreditCode: code},
	}
	err := st.BulkCreate(ctx, inBatch)
	if !errors.Is(err, ErrDuplicateCreditCode) {
		t.Fatalf("two records with one code in a batch: err = %v, want ErrDuplicateCreditCode", err)
	}
	if n, _ := st.Count(ctx, record.KindEnterprise); n != 0 {
		t.Fatalf("rejected batch stored %d enterprises", n)
	}
	if err := st.Create(ctx, &record.Enterprise{Name: "丽水丙公司", CreditCode: code}); err != nil {
		t.Fatal(err)
	}
	err = st.BulkCreate(ctx, []record.Record{&record.Enterprise{Name: "丽水丁公司", CreditCode: code}})
	if !errors.Is(err, ErrDuplicateCreditCode) {
		t.Fatalf("batch record with a stored code: err = %v, want ErrDuplicateCreditCode", err)
	}
	if bad, _ := st.Doctor(ctx); len(bad) > 0 {
		t.Fatalf("doctor: %v", bad)
	}
}
