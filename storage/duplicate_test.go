package storage

import (
	"context"
	"slices"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

func TestFindDuplicates(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	code := creditCode(t, "91330782MA28ABCD1")
	silian := &record.Enterprise{Name: "浙江四联玩具有限公司", CreditCode: code}
	mustCreate(t, s, silian)
	other := mustCreate(t, s, newEnt("义乌华鑫饰品有限公司"))
	mustCreate(t, s, newContact(other, "陈静", "+86 139 0013 9000"))
	tests := []struct {
		name    string
		e       *record.Enterprise
		mobiles []string
		want    []string // "id reason"
	}{
		{"same credit code", &record.Enterprise{Name: "别的名字", CreditCode: code}, nil, []string{silian.ID + " credit_code"}},
		{"same name without region and form", &record.Enterprise{Name: "四联玩具（浙江）股份有限公司"}, nil, []string{silian.ID + " name"}},
		{"contact mobile typed differently", &record.Enterprise{Name: "新公司"}, []string{"13900139000"}, []string{other + " mobile"}},
		{"all reasons, in order", &record.Enterprise{Name: "四联玩具", CreditCode: code}, []string{"139-0013-9000"},
			[]string{silian.ID + " credit_code", silian.ID + " name", other + " mobile"}},
		{"itself is left out", &record.Enterprise{Meta: record.Meta{ID: silian.ID}, Name: silian.Name, CreditCode: code}, nil, nil},
		{"nothing alike", &record.Enterprise{Name: "丽水缙云机床有限公司"}, []string{"13800000000"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dups, err := s.FindDuplicates(ctx, tt.e, tt.mobiles)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range dups {
				got = append(got, d.ID+" "+d.Reason)
				zh, en := ReasonText(d.Reason)
				if d.Zh != zh || d.En != en || d.Zh == d.Reason || d.En == d.Reason || d.Name == "" {
					t.Errorf("duplicate %+v: want name and the reason in Chinese and English", d)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("FindDuplicates = %v, want %v", got, tt.want)
			}
		})
	}
}
