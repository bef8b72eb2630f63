package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/shanhaifield/shanhai/record"
)

func referralServices() *fakeServices {
	svc := sampleServices()
	svc.records = append(svc.records,
		&record.Referral{Meta: record.Meta{ID: "R1"}, EnterpriseID: "E1", FromZone: "shangyu", ToZone: "songyang",
			Reason: "用地不足", Status: record.ReferralPending, SentOn: "2026-11-01", Deadline: "2026-11-16"},
		&record.Referral{Meta: record.Meta{ID: "R2"}, EnterpriseID: "E2", FromZone: "longyou", ToZone: "shangyu",
			Reason: "产业链更匹配", Status: record.ReferralPending, SentOn: "2026-11-20", Deadline: "2099-12-05"},
	)
	return svc
}

// TestReferralsAcceptAndReturn lists referrals, filters by the user's
// zone, accepts one and returns the other with a required reason.
func TestReferralsAcceptAndReturn(t *testing.T) {
	svc := referralServices()
	u := newTestUI(t, svc)
	u.prefs.SetString(prefZone, "shangyu")
	test.Tap(u.nav.buttons[ScreenReferrals])
	s := u.referrals
	s.reload()
	markup := test.RenderToMarkup(u.Window().Canvas())
	for _, want := range []string{"浙江青山新材料有限公司", "上虞经开区 → 松阳经开区", "待接收", "答复期限 2026-11-16（已超期）", "理由：产业链更匹配"} {
		if !strings.Contains(markup, want) {
			t.Errorf("does not show %q", want)
		}
	}
	s.filter.SetSelected("转入我区")
	if _, ok := s.cards["R1"]; ok || s.cards["R2"] == nil {
		t.Fatalf("received filter shows %v", s.cards)
	}
	test.Tap(s.cards["R2"].accept)
	r2, _ := svc.Get(t.Context(), "R2")
	if r := r2.(*record.Referral); r.Status != record.ReferralAccepted || r.RespondedOn != today() {
		t.Errorf("after accept: %+v", r)
	}
	if s.cards["R2"].landed == nil {
		t.Error("an accepted referral offers no 标记已落地")
	}

	s.filter.SetSelected("全部")
	test.Tap(s.cards["R1"].giveBack)
	s.returnOK()
	if r1, _ := svc.Get(t.Context(), "R1"); r1.(*record.Referral).Status != record.ReferralPending {
		t.Fatal("returned without a reason")
	}
	s.returnEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.dialog != nil {
		t.Error("Esc in the reason box did not close the dialog")
	}
	test.Tap(s.cards["R1"].giveBack)
	test.Type(s.returnEntry, "本区无合适地块")
	s.returnOK()
	r1, _ := svc.Get(t.Context(), "R1")
	if r := r1.(*record.Referral); r.Status != record.ReferralReturned || r.Response != "本区无合适地块" {
		t.Errorf("after return: %+v", r)
	}
	if !strings.Contains(test.RenderToMarkup(u.Window().Canvas()), "答复：本区无合适地块") {
		t.Error("the answer is not shown")
	}
}

func TestReferralsEmpty(t *testing.T) {
	u := newTestUI(t, sampleServices())
	u.Show(ScreenReferrals)
	m := test.RenderToMarkup(u.Window().Canvas())
	if !strings.Contains(m, "没有转介记录") || !strings.Contains(m, "在“设置”中选择本人所在开发区") {
		t.Error("empty referrals screen lacks its notes")
	}
}
