package record

// LegalBasis is the PIPL article 13 ground for keeping a contact's
// personal information (basis.go lists them with labels and articles).
type LegalBasis string

// Legal bases staff can record: the grounds of PIPL art. 13 that fit an
// investment-promotion contact list (domain-rules.md §6). 13(IV)
// emergencies and 13(V) news reporting do not arise here; 13(VII) "other
// laws" names no law staff could cite, so it is not offered.
const (
	BasisConsent   LegalBasis = "consent"   // 13(I): the person agreed
	BasisContract  LegalBasis = "contract"  // 13(II): needed for a contract with the person
	BasisStatutory LegalBasis = "statutory" // 13(III): needed for a statutory duty of the zone
	BasisPublic    LegalBasis = "public"    // 13(VI): business contact the person made public
)

// Contact is a person at an enterprise (联系人). Everything but the
// enterprise link is personal information.
type Contact struct {
	Meta
	EnterpriseID string `json:"enterprise_id"`
	Name         string `json:"name"`
	Title        string `json:"title,omitempty"`  // 职务
	Mobile       string `json:"mobile,omitempty"` // normalised E.164, +86…
	Phone        string `json:"phone,omitempty"`  // landline as written, e.g. 0578-8123456
	WeChat       string `json:"wechat,omitempty"`
	Email        string `json:"email,omitempty"`
	// LegalBasis, ConsentNote and ConsentDate record why keeping this
	// person's data is lawful, how and when.
	LegalBasis  LegalBasis `json:"legal_basis,omitempty"`
	ConsentNote string     `json:"consent_note,omitempty"`
	ConsentDate string     `json:"consent_date,omitempty"` // YYYY-MM-DD
}

// Kind implements Record.
func (*Contact) Kind() Kind { return KindContact }

// Parent implements Child.
func (c *Contact) Parent() string { return c.EnterpriseID }
