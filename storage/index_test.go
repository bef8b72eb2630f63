package storage

import (
	"context"
	"errors"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

func TestCreditCodeIsUnique(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	code := creditCode(t, "91330604MA2BCDE12")
	first := mustCreate(t, s, &record.Enterprise{Name: "绍兴滨海新材料有限公司", CreditCode: code})
	third := mustCreate(t, s, newEnt("第三家公司"))
	tests := []struct {
		name    string
		write   func() error
		wantDup bool
	}{
		{"second enterprise, same code", func() error {
			return s.Create(ctx, &record.Enterprise{Name: "另一家公司", CreditCode: code})
		}, true},
		{"same code typed lower-case", func() error {
			return s.Create(ctx, &record.Enterprise{Name: "又一家公司", CreditCode: " " + toLower(code) + " "})
		}, true},
		{"updating the holder keeps its own code", func() error {
			_, err := s.Patch(ctx, record.KindEnterprise, first, rawFields(`{"notes":"ok"}`))
			return err
		}, false},
		{"other enterprise patched to the code", func() error {
			_, err := s.Patch(ctx, record.KindEnterprise, third, rawFields(`{"credit_code":"`+code+`"}`))
			return err
		}, true},
		{"code is free again after the holder changes it", func() error {
			if _, err := s.Patch(ctx, record.KindEnterprise, first, rawFields(`{"credit_code":null}`)); err != nil {
				return err
			}
			return s.Create(ctx, &record.Enterprise{Name: "新持有人公司", CreditCode: code})
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := s.Pending(ctx)
			err := tt.write()
			var de *DuplicateError
			if got := errors.As(err, &de); got != tt.wantDup {
				t.Fatalf("error %v, want duplicate %v", err, tt.wantDup)
			}
			if tt.wantDup {
				if !errors.Is(err, ErrDuplicateCreditCode) || de.ID != first || de.Field != "credit_code" {
					t.Fatalf("duplicate error %+v", de)
				}
				if after, _ := s.Pending(ctx); after != before {
					t.Fatal("rejected write reached the outbox")
				}
			} else if err != nil {
				t.Fatal(err)
			}
		})
	}
	mustHealthy(t, s)
}

func toLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
