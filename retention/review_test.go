package retention

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/rulepack"
)

var now = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

func stamp(t time.Time) string { return fmt.Sprintf("%013d.%05d.%s", t.UnixMilli(), 0, "laptop") }

func ent(id string, stage record.Stage, zone string, changed time.Time) *record.Enterprise {
	e := &record.Enterprise{Name: "企业" + id, Stage: stage, ZoneID: zone}
	e.ID, e.UpdatedAt = id, now
	e.Versions = map[string]string{"stage": stamp(changed), "name": stamp(changed.Add(-time.Hour))}
	return e
}

func contact(id, ent string, basis record.LegalBasis, consent string) *record.Contact {
	c := &record.Contact{EnterpriseID: ent, Name: "联系人" + id, LegalBasis: basis, ConsentDate: consent}
	c.ID = id
	return c
}

func TestReview(t *testing.T) {
	pack, err := rulepack.Load()
	if err != nil {
		t.Fatal(err)
	}
	months, _ := pack.RetentionFor("jingning")
	old := now.AddDate(0, -months.Months, -1)   // closed just over the period ago
	recent := now.AddDate(0, -months.Months, 1) // just under
	tests := []struct {
		name  string
		e     *record.Enterprise
		c     *record.Contact
		pack  *rulepack.Pack
		rules []Rule
	}{
		{"dropped longer than the period", ent("e1", record.StageDropped, "jingning", old), contact("c1", "e1", record.BasisPublic, ""), pack, []Rule{RuleClosedExpired}},
		{"referred longer than the period", ent("e1", record.StageReferred, "jingning", old), contact("c1", "e1", record.BasisPublic, ""), pack, []Rule{RuleClosedExpired}},
		{"dropped within the period", ent("e1", record.StageDropped, "jingning", recent), contact("c1", "e1", record.BasisPublic, ""), pack, nil},
		{"open enterprise untouched for years", ent("e1", record.StageNegotiating, "jingning", old.AddDate(-3, 0, 0)), contact("c1", "e1", record.BasisContract, ""), pack, nil},
		{"zone without its own period uses the default", ent("e1", record.StageDropped, "", old), contact("c1", "e1", record.BasisPublic, ""), pack, []Rule{RuleClosedExpired}},
		{"no basis", ent("e1", record.StageLead, "jingning", recent), contact("c1", "e1", "", ""), pack, []Rule{RuleNoBasis}},
		{"no basis and closed", ent("e1", record.StageDropped, "jingning", old), contact("c1", "e1", "", ""), pack, []Rule{RuleClosedExpired, RuleNoBasis}},
		{"consent older than the period", ent("e1", record.StageSigned, "jingning", recent), contact("c1", "e1", record.BasisConsent, old.Format(record.DateLayout)), pack, []Rule{RuleConsentExpired}},
		{"recent consent", ent("e1", record.StageSigned, "jingning", recent), contact("c1", "e1", record.BasisConsent, "2026-10-01"), pack, nil},
		{"no pack: only the basis is checked", ent("e1", record.StageDropped, "jingning", old), contact("c1", "e1", "", ""), nil, []Rule{RuleNoBasis}},
		{"contact of an unknown enterprise", nil, contact("c1", "gone", record.BasisPublic, ""), pack, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Input{Contacts: []*record.Contact{tt.c}, Pack: tt.pack}
			if tt.e != nil {
				in.Enterprises = []*record.Enterprise{tt.e}
			}
			flags := Review(now, in)
			var got []Rule
			for _, f := range flags {
				got = append(got, f.Rule)
				if f.ContactID != "c1" || f.EnterpriseID != tt.c.EnterpriseID || f.Zh == "" || f.En == "" {
					t.Errorf("flag lacks contact, enterprise or reasons: %+v", f)
				}
				if f.Rule != RuleNoBasis && (f.Months != months.Months || f.Evidence != rulepack.Example || !strings.Contains(f.Zh, "个月")) {
					t.Errorf("flag does not name the period and its evidence: %+v", f)
				}
			}
			slices.Sort(got)
			want := slices.Clone(tt.rules)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("rules = %v, want %v (%+v)", got, want, flags)
			}
		})
	}
}

func TestClosedSinceIsTheStageStamp(t *testing.T) {
	closed := time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)
	e := ent("e1", record.StageDropped, "jingning", closed)
	e.UpdatedAt = now // a later edit of another field must not restart the clock
	if got := ClosedSince(e); !got.Equal(closed) {
		t.Fatalf("ClosedSince = %v, want %v", got, closed)
	}
	e.Versions = nil
	if got := ClosedSince(e); !got.Equal(now) {
		t.Fatalf("without a stamp ClosedSince = %v, want UpdatedAt", got)
	}
	f := Review(now, Input{Enterprises: []*record.Enterprise{ent("e1", record.StageDropped, "jingning", closed)},
		Contacts: []*record.Contact{contact("c1", "e1", record.BasisPublic, "")}, Pack: mustPack(t)})
	if len(f) != 1 || !strings.Contains(f[0].Zh, "2024-03-08 放弃") || !strings.Contains(f[0].En, "2024-03-08") {
		t.Fatalf("flags = %+v", f)
	}
}

func mustPack(t *testing.T) *rulepack.Pack {
	p, err := rulepack.Load()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReviewOrderAndNil(t *testing.T) {
	if got := Review(now, Input{Contacts: []*record.Contact{nil}, Enterprises: []*record.Enterprise{nil}}); len(got) != 0 {
		t.Fatalf("nil records flagged: %+v", got)
	}
	a, b := ent("ea", record.StageLead, "", now), ent("eb", record.StageLead, "", now)
	a.Name, b.Name = "乙", "甲"
	flags := Review(now, Input{Enterprises: []*record.Enterprise{a, b},
		Contacts: []*record.Contact{contact("c1", "ea", "", ""), contact("c2", "eb", "", "")}})
	if len(flags) != 2 || flags[0].EnterpriseName > flags[1].EnterpriseName {
		t.Fatalf("flags not sorted by enterprise: %+v", flags)
	}
}
