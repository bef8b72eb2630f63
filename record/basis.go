package record

import (
	"fmt"
	"strings"
	"time"
)

// BasisInfo describes one legal basis for the UI, the CLI and reviews.
type BasisInfo struct {
	Basis LegalBasis `json:"basis"`
	// Article is the PIPL article and item, e.g. "PIPL 13(I)".
	Article string `json:"article"`
	Zh      string `json:"zh"`
	En      string `json:"en"`
}

// LegalBases lists the bases staff may record, in the order of PIPL
// art. 13. Source: 个人信息保护法 第十三条 (effective 2021-11-01), as
// summarised in ../shared/reference/domain-rules.md §6; the English is
// an unofficial translation. Consent needs a date (art. 14: consent must
// be shown); the others need none.
func LegalBases() []BasisInfo {
	return []BasisInfo{
		{BasisConsent, "PIPL 13(I)", "取得本人同意（第十三条第一项）", "consent of the person (art. 13(I))"},
		{BasisContract, "PIPL 13(II)", "订立、履行本人作为一方当事人的合同所必需（第十三条第二项）",
			"necessary to conclude or perform a contract the person is party to (art. 13(II))"},
		{BasisStatutory, "PIPL 13(III)", "履行法定职责或者法定义务所必需（第十三条第三项）",
			"necessary for a statutory duty or obligation (art. 13(III))"},
		{BasisPublic, "PIPL 13(VI)", "在合理范围内处理本人自行公开或者其他已经合法公开的个人信息（第十三条第六项）",
			"information the person disclosed, or otherwise lawfully disclosed, processed within a reasonable scope (art. 13(VI))"},
	}
}

// Info returns the description of b; ok is false for an unknown basis.
func (b LegalBasis) Info() (info BasisInfo, ok bool) {
	for _, i := range LegalBases() {
		if i.Basis == b {
			return i, true
		}
	}
	return BasisInfo{}, false
}

// basisChoices is the list of valid values for error messages.
func basisChoices(zh bool) string {
	var parts []string
	for _, i := range LegalBases() {
		if zh {
			parts = append(parts, string(i.Basis)+"（"+strings.SplitN(i.Zh, "（", 2)[0]+"）")
		} else {
			parts = append(parts, string(i.Basis))
		}
	}
	if zh {
		return strings.Join(parts, "、")
	}
	return strings.Join(parts, ", ")
}

// consentDateSlack lets a consent date be "tomorrow" in UTC: it is the
// local date in China (UTC+8) where staff record it.
const consentDateSlack = 24 * time.Hour

// CheckConsentDate reports a consent date after now as a problem; an
// empty or malformed date is left to the date rule.
func CheckConsentDate(date string, now time.Time) *Problem {
	d, err := ParseDate(date)
	if err != nil || !d.After(now.Add(consentDateSlack)) {
		return nil
	}
	c := &checker{kind: KindContact}
	c.add("consent_date", "consent_date_future", Error,
		fmt.Sprintf("{f} %s 晚于今天：同意只能在过去取得", date),
		fmt.Sprintf("{f} %s is in the future: consent can only have been given already", date))
	return &c.ps[0]
}
