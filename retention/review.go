package retention

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/rulepack"
)

// Rule names why a contact is flagged.
type Rule string

// Review rules.
const (
	// RuleClosedExpired: the enterprise was closed (放弃/转介) longer
	// ago than its zone's retention period (PIPL art. 19, 47).
	RuleClosedExpired Rule = "closed_expired"
	// RuleNoBasis: no legal basis is recorded (PIPL art. 13).
	RuleNoBasis Rule = "no_basis"
	// RuleConsentExpired: the consent was given longer ago than the
	// retention period; renew it or erase the contact (PIPL art. 14, 19).
	RuleConsentExpired Rule = "consent_expired"
)

// Input is what Review looks at. Contacts whose enterprise is not in
// Enterprises are still checked for a basis and consent.
type Input struct {
	Enterprises []*record.Enterprise
	Contacts    []*record.Contact
	// Pack gives each zone's retention period; nil or a pack without
	// periods means only the legal basis is checked.
	Pack *rulepack.Pack
}

// Flag is one contact to review and why.
type Flag struct {
	ContactID      string `json:"contact_id"`
	ContactName    string `json:"contact_name"`
	EnterpriseID   string `json:"enterprise_id"`
	EnterpriseName string `json:"enterprise_name,omitempty"`
	ZoneID         string `json:"zone_id,omitempty"`
	Rule           Rule   `json:"rule"`
	// Months is the retention period applied (0 for RuleNoBasis);
	// Since is when it started: the closing or the consent.
	Months int       `json:"months,omitempty"`
	Since  time.Time `json:"since,omitzero"`
	// Evidence and Source say where the period comes from (shipped
	// periods are "example" data).
	Evidence rulepack.Evidence `json:"evidence,omitempty"`
	Source   string            `json:"source,omitempty"`
	Zh       string            `json:"zh"`
	En       string            `json:"en"`
}

// Review flags the contacts to review at now, sorted by enterprise name,
// contact name and rule. A contact may get several flags.
func Review(now time.Time, in Input) []Flag {
	ents := make(map[string]*record.Enterprise, len(in.Enterprises))
	for _, e := range in.Enterprises {
		if e != nil {
			ents[e.ID] = e
		}
	}
	var out []Flag
	for _, c := range in.Contacts {
		if c == nil {
			continue
		}
		out = append(out, review(now, c, ents[c.EnterpriseID], in.Pack)...)
	}
	slices.SortFunc(out, func(a, b Flag) int {
		return cmpAll(strings.Compare(a.EnterpriseName, b.EnterpriseName), strings.Compare(a.EnterpriseID, b.EnterpriseID),
			strings.Compare(a.ContactName, b.ContactName), strings.Compare(a.ContactID, b.ContactID), strings.Compare(string(a.Rule), string(b.Rule)))
	})
	return out
}

func cmpAll(cs ...int) int {
	for _, c := range cs {
		if c != 0 {
			return c
		}
	}
	return 0
}

// review checks one contact.
func review(now time.Time, c *record.Contact, e *record.Enterprise, pack *rulepack.Pack) []Flag {
	base := Flag{ContactID: c.ID, ContactName: c.Name, EnterpriseID: c.EnterpriseID}
	if e != nil {
		base.EnterpriseName, base.ZoneID = e.Name, e.ZoneID
	}
	period, hasPeriod := pack.RetentionFor(base.ZoneID)
	if hasPeriod {
		base.Months, base.Evidence, base.Source = period.Months, period.Evidence, period.Source
	}
	var out []Flag
	if e != nil && e.Stage.Closed() && hasPeriod {
		since := ClosedSince(e)
		if expired(since, period.Months, now) {
			f := base
			f.Rule, f.Since = RuleClosedExpired, since
			f.Zh = fmt.Sprintf("企业于 %s %s，已超过本开发区个人信息保存期限 %d 个月（个人信息保护法第十九条、第四十七条），请删除该联系人的个人信息",
				day(since), e.Stage.Chinese(), period.Months)
			f.En = fmt.Sprintf("the enterprise was closed (%s) on %s, longer ago than the zone's retention period of %d months (PIPL art. 19, 47): erase this contact",
				e.Stage, day(since), period.Months)
			out = append(out, f)
		}
	}
	switch {
	case c.LegalBasis == "":
		f := base
		f.Rule, f.Months, f.Evidence, f.Source = RuleNoBasis, 0, "", ""
		f.Zh = "未记录个人信息处理依据（个人信息保护法第十三条）：请补录本人同意或其他依据，无依据的请删除"
		f.En = "no legal basis recorded (PIPL art. 13): record consent or another basis, or erase the contact"
		out = append(out, f)
	case c.LegalBasis == record.BasisConsent && hasPeriod:
		given, err := record.ParseDate(c.ConsentDate)
		if err == nil && expired(given, period.Months, now) {
			f := base
			f.Rule, f.Since = RuleConsentExpired, given
			f.Zh = fmt.Sprintf("本人同意取得于 %s，已超过保存期限 %d 个月（个人信息保护法第十四条、第十九条）：请重新取得同意或删除",
				c.ConsentDate, period.Months)
			f.En = fmt.Sprintf("consent was given on %s, longer ago than the retention period of %d months (PIPL art. 14, 19): renew it or erase the contact",
				c.ConsentDate, period.Months)
			out = append(out, f)
		}
	}
	return out
}

// ClosedSince is when the enterprise's stage last changed: the wall time
// of its "stage" version stamp, the same on every replica. Records
// without one (imported before stamps existed) fall back to UpdatedAt.
func ClosedSince(e *record.Enterprise) time.Time {
	if st, err := hlc.Parse(e.Versions["stage"]); err == nil && st.Wall > 0 {
		return time.UnixMilli(st.Wall).UTC()
	}
	return e.UpdatedAt.UTC()
}

// expired reports whether months have passed since since at now. A zero
// since (no date at all) is not taken as expired: there is nothing to
// count from.
func expired(since time.Time, months int, now time.Time) bool {
	return !since.IsZero() && !now.Before(since.AddDate(0, months, 0))
}

func day(t time.Time) string { return t.In(chinaTime).Format(record.DateLayout) }

// chinaTime is UTC+8, where staff read the dates.
var chinaTime = time.FixedZone("CST", 8*3600)
