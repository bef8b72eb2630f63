package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/screening"
)

// TestZonesScreenEnglish shows every zone in the English interface: the
// names, positioning, chains and pairings come in English, with no Chinese
// left in the zone list or the zone's name, positioning and chain lines.
func TestZonesScreenEnglish(t *testing.T) {
	useEnglish(t)
	u := newTestUI(t, sampleServices())
	pack := u.ref.pack
	z := newZonesScreen(u.ref)
	w := test.NewTempWindow(t, z.content)
	w.Resize(u.window.Canvas().Size())
	for i, zone := range pack.Zones() {
		z.list.Select(i)
		markup := test.RenderToMarkup(w.Canvas())
		want := []string{zone.NameEn, "Leading industries"}
		for _, l := range zone.Leading {
			want = append(want, l.WordingEn)
		}
		for _, c := range zone.Chains {
			if ch, ok := pack.Chain(c.Chain); ok {
				want = append(want, ch.NameEn)
			}
		}
		for _, p := range pack.Paired(zone.ID) {
			want = append(want, p.NameEn)
		}
		for _, s := range want {
			if !strings.Contains(markup, s) {
				t.Errorf("zone %s: does not show %q", zone.ID, s)
			}
		}
		for _, head := range []string{zone.Name, zone.Leading[0].Wording} {
			if strings.Contains(markup, head) {
				t.Errorf("zone %s: the English screen shows the Chinese %q", zone.ID, head)
			}
		}
	}
}

// TestScreeningEnglishNames screens a candidate in the English interface:
// the card titles and reasons carry the zones' English names.
func TestScreeningEnglishNames(t *testing.T) {
	useEnglish(t)
	u := newTestUI(t, sampleServices())
	pack := u.ref.pack
	e := &record.Enterprise{Name: "示例玩具有限公司", IndustryCode: "2451"}
	results := screening.Screen(pack, screening.Candidate{Enterprise: e}, []string{"jingning"})
	card := resultView(pack, results[0])
	if card.Title != "Jingning EDZ" {
		t.Errorf("card title %q, want Jingning EDZ", card.Title)
	}
	names := englishNames(pack)
	z, _ := pack.Zone("jingning")
	for _, r := range results[0].Rules {
		reason := ruleReason(r, names)
		for _, zh := range []string{z.ShortName, z.Name, z.Leading[0].Wording} {
			if strings.Contains(reason, zh) {
				t.Errorf("English reason %q (from %q) holds the Chinese name %q", reason, r.En, zh)
			}
		}
	}
}

// TestIndustryFilterEnglish lists the industry filter's 大类 in English.
func TestIndustryFilterEnglish(t *testing.T) {
	useEnglish(t)
	u := newTestUI(t, sampleServices())
	if !slices.Contains(u.enterprises.industries.Options, "36 Manufacture of automobiles") {
		t.Errorf("industry options %v lack 36 in English", u.enterprises.industries.Options[:5])
	}
	if got := u.ref.industryName("36"); got != "36 Manufacture of automobiles" {
		t.Errorf("industryName(36) = %q", got)
	}
}
