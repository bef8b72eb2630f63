package record

// ReferralStatus is where a referral (项目共引) stands.
type ReferralStatus string

// Referral statuses.
const (
	ReferralPending  ReferralStatus = "pending"  // 待接收
	ReferralAccepted ReferralStatus = "accepted" // 已接收
	ReferralLanded   ReferralStatus = "landed"   // 已落地
	ReferralReturned ReferralStatus = "returned" // 已退回
)

var referralStatusNames = map[ReferralStatus]string{
	ReferralPending: "待接收", ReferralAccepted: "已接收", ReferralLanded: "已落地", ReferralReturned: "已退回",
}

// Chinese returns the status as staff write it.
func (s ReferralStatus) Chinese() string { return referralStatusNames[s] }

// Valid reports whether s is a known status.
func (s ReferralStatus) Valid() bool { _, ok := referralStatusNames[s]; return ok }

// Referral passes a candidate enterprise from one zone to another (项目共引 /
// 转介). Both zones see it; sending it marks the enterprise 转介 in the
// sending zone.
type Referral struct {
	Meta
	EnterpriseID string         `json:"enterprise_id"`
	ProjectID    string         `json:"project_id,omitempty"`
	FromZone     string         `json:"from_zone"`
	ToZone       string         `json:"to_zone"`
	Reason       string         `json:"reason"`
	Status       ReferralStatus `json:"status"`
	// Deadline is the date by which the receiving zone should answer.
	Deadline string `json:"deadline,omitempty"` // YYYY-MM-DD
	SentOn   string `json:"sent_on,omitempty"`  // YYYY-MM-DD
	// RespondedOn and Response record the receiving zone's answer
	// (accept, or return with a reason).
	RespondedOn string `json:"responded_on,omitempty"`
	Response    string `json:"response,omitempty"`
	LandedOn    string `json:"landed_on,omitempty"`
	// ScreeningID links the screening that justified the referral.
	ScreeningID string `json:"screening_id,omitempty"`
}

// Kind implements Record.
func (*Referral) Kind() Kind { return KindReferral }

// Parent implements Child.
func (r *Referral) Parent() string { return r.EnterpriseID }

// Validate implements Record.
func (r *Referral) Validate() Problems {
	var ps Problems
	ps = append(ps, required("enterprise_id", r.EnterpriseID)...)
	ps = append(ps, required("from_zone", r.FromZone)...)
	ps = append(ps, required("to_zone", r.ToZone)...)
	ps = append(ps, required("reason", r.Reason)...)
	if r.FromZone != "" && r.FromZone == r.ToZone {
		ps = append(ps, Problem{Field: "to_zone", Rule: "same_zone", Severity: Error,
			Zh: "接收开发区不能与转出开发区相同", En: "to_zone must differ from from_zone"})
	}
	if !r.Status.Valid() {
		ps = append(ps, Problem{Field: "status", Rule: "status_unknown", Severity: Error,
			Zh: "转介状态 " + string(r.Status) + " 无效（待接收/已接收/已落地/已退回）",
			En: "status " + string(r.Status) + " is not one of pending, accepted, landed, returned"})
	}
	if r.Status == ReferralReturned && r.Response == "" {
		ps = append(ps, Problem{Field: "response", Rule: "return_reason_required", Severity: Error,
			Zh: "退回转介须填写理由", En: "a returned referral needs a reason in response"})
	}
	return ps
}
