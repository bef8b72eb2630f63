package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/shanhaifield/shanhai/demo"
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/screening"
	"github.com/shanhaifield/shanhai/storage"
)

// TestScreeningScreen screens a demo enterprise with its project against
// its own and paired zones on a real store, saves the run, and refers the
// enterprise to a paired zone.
func TestScreeningScreen(t *testing.T) {
	ctx := context.Background()
	store := openStore(t)
	if _, err := demo.Load(ctx, store, time.Now()); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	test.Tap(u.nav.buttons[ScreenScreening])
	s := u.screening
	test.Tap(s.run)
	if s.picker.msg.Text != "请先选择要筛查的企业" {
		t.Errorf("no enterprise: %q", s.picker.msg.Text)
	}
	test.Type(s.picker.search, "海川智能")
	if s.ent == nil || s.ent.Name != "绍兴海川智能装备有限公司" || s.project.Selected != "智能装备生产基地" {
		t.Fatalf("picked %+v, project %q", s.ent, s.project.Selected)
	}
	test.Tap(s.run)
	want := screening.OwnAndPaired(u.ref.pack, s.ent)
	if len(want) < 2 || len(s.results) != len(want) || len(s.table.Objects) != len(want) {
		t.Fatalf("%d results, %d cards; want %d zones", len(s.results), len(s.table.Objects), len(want))
	}
	markup := test.RenderToMarkup(u.Window().Canvas())
	for _, text := range []string{"规则包 " + u.ref.pack.Version, s.results[0].ZoneName, verdictLabel(s.results[0].Verdict)} {
		if !strings.Contains(markup, text) {
			t.Errorf("screen does not show %q", text)
		}
	}
	test.Tap(s.save)
	if n, _ := store.Count(ctx, record.KindScreening); n != 1 || s.savedID == "" {
		t.Fatalf("saved %d screenings, id %q", n, s.savedID)
	}

	test.Tap(s.refer)
	if !strings.Contains(s.status.Text, "接收开发区") {
		t.Errorf("refer without zone: %q", s.status.Text)
	}
	s.toZone.SetSelectedIndex(0)
	test.Type(s.reason, "企业更适合山区县用地条件")
	test.Tap(s.refer)
	refs, err := store.List(ctx, record.KindReferral, storage.ListOptions{Enterprise: s.ent.ID})
	if err != nil || len(refs) != 1 {
		t.Fatalf("referrals %d, %v (status %q)", len(refs), err, s.status.Text)
	}
	r := refs[0].(*record.Referral)
	if r.FromZone != "shangyu" || r.ToZone == "" || r.ScreeningID != s.savedID || r.Status != record.ReferralPending || r.Deadline == "" {
		t.Errorf("referral %+v", r)
	}
	e, _ := store.Get(ctx, s.ent.ID)
	if e.(*record.Enterprise).Stage != record.StageReferred {
		t.Errorf("enterprise stage %s after referral", e.(*record.Enterprise).Stage)
	}
	if !strings.HasPrefix(s.status.Text, "已转介到") {
		t.Errorf("status %q", s.status.Text)
	}

	// The receiving side accepts it on 共引, through the store's Patch.
	test.Tap(u.nav.buttons[ScreenReferrals])
	card := u.referrals.cards[r.ID]
	if card == nil || card.accept == nil {
		t.Fatal("the referral is not listed with 接收")
	}
	test.Tap(card.accept)
	got, err := store.Get(ctx, r.ID)
	if err != nil || got.(*record.Referral).Status != record.ReferralAccepted || got.(*record.Referral).RespondedOn != today() {
		t.Errorf("after accept: %+v, %v", got, err)
	}
}
