package storage

import (
	"context"
	"errors"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

func TestReferMarksEnterpriseInOneTransaction(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	e := &record.Enterprise{Name: "浙江四联玩具有限公司", ZoneID: "shangyu"}
	if err := st.Create(ctx, e); err != nil {
		t.Fatal(err)
	}
	before, err := st.Pending(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ref := &record.Referral{EnterpriseID: e.ID, FromZone: "shangyu", ToZone: "jingning",
		Reason: "婴幼儿教具玩具，符合景宁产业定位", Status: record.ReferralPending}
	if err := st.Refer(ctx, ref); err != nil {
		t.Fatal(err)
	}
	got, err := st.Get(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	ge := got.(*record.Enterprise)
	if ge.Stage != record.StageReferred || ge.CloseReason == "" {
		t.Fatalf("enterprise stage %q reason %q, want referred with a reason", ge.Stage, ge.CloseReason)
	}
	refs, err := st.List(ctx, record.KindReferral, ListOptions{Enterprise: e.ID})
	if err != nil || len(refs) != 1 {
		t.Fatalf("referrals of enterprise: %v, %v", refs, err)
	}
	after, _ := st.Pending(ctx)
	if after != before+2 {
		t.Fatalf("outbox grew by %d, want 2 (referral + stage change)", after-before)
	}
	if bad, _ := st.Doctor(ctx); len(bad) > 0 {
		t.Fatalf("doctor: %v", bad)
	}
}

func TestReferRejectsWithoutStoringAnything(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	e := &record.Enterprise{Name: "丽水云和精密机械有限公司", ZoneID: "songyang"}
	if err := st.Create(ctx, e); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		ref  *record.Referral
	}{
		{"same zone", &record.Referral{EnterpriseID: e.ID, FromZone: "songyang", ToZone: "songyang", Reason: "x", Status: record.ReferralPending}},
		{"no enterprise", &record.Referral{EnterpriseID: "01J00000000000000000000000", FromZone: "a", ToZone: "b", Reason: "x", Status: record.ReferralPending}},
		{"no reason", &record.Referral{EnterpriseID: e.ID, FromZone: "songyang", ToZone: "jiaxing", Status: record.ReferralPending}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := st.Pending(ctx)
			if err := st.Refer(ctx, tt.ref); err == nil {
				t.Fatal("referral accepted")
			}
			if tt.ref.ID != "" {
				t.Fatalf("rejected referral kept ID %s", tt.ref.ID)
			}
			after, _ := st.Pending(ctx)
			got, _ := st.Get(ctx, e.ID)
			if after != before || got.(*record.Enterprise).Stage != record.StageLead {
				t.Fatalf("rejected referral changed the store: outbox %d→%d, stage %s", before, after, got.(*record.Enterprise).Stage)
			}
		})
	}
	if err := st.Refer(ctx, nil); err == nil || errors.Is(err, ErrNotFound) {
		t.Fatalf("nil referral: %v", err)
	}
}
