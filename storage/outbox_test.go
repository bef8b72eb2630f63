package storage

import (
	"context"
	"testing"
)

func TestOutboxOrderAndAck(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	var ids []string
	for _, n := range []string{"湖州长兴蓄电池有限公司", "舟山定海船舶有限公司", "嘉兴海宁皮革有限公司", "杭州余杭电商有限公司"} {
		ids = append(ids, mustCreate(t, s, newEnt(n)))
	}
	all, err := s.Outbox(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range all {
		if c.RecordID != ids[i] || (i > 0 && c.Seq <= all[i-1].Seq) || (i > 0 && c.MutationID <= all[i-1].MutationID) {
			t.Fatalf("outbox[%d] = %+v: want oldest first with increasing seq and mutation id", i, c)
		}
	}
	tests := []struct {
		name    string
		ack     []uint64
		pending int
		first   string // record of the oldest remaining change
	}{
		{"ack nothing", nil, 4, ids[0]},
		{"ack the oldest", []uint64{all[0].Seq}, 3, ids[1]},
		{"ack twice is harmless", []uint64{all[0].Seq}, 3, ids[1]},
		{"ack out of order", []uint64{all[2].Seq, 999}, 2, ids[1]},
		{"ack the rest", []uint64{all[1].Seq, all[3].Seq}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.Ack(ctx, tt.ack...); err != nil {
				t.Fatal(err)
			}
			n, err := s.Pending(ctx)
			if err != nil || n != tt.pending {
				t.Fatalf("Pending = %d, %v, want %d", n, err, tt.pending)
			}
			first, err := s.Outbox(ctx, 1)
			if err != nil {
				t.Fatal(err)
			}
			if tt.first == "" && len(first) != 0 || tt.first != "" && (len(first) != 1 || first[0].RecordID != tt.first) {
				t.Fatalf("Outbox(1) = %+v, want record %s", first, tt.first)
			}
		})
	}
}
