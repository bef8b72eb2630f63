package record

// Visit is a meeting with an enterprise (走访记录).
type Visit struct {
	Meta
	EnterpriseID string   `json:"enterprise_id"`
	Date         string   `json:"date"` // YYYY-MM-DD
	Place        string   `json:"place,omitempty"`
	Participants []string `json:"participants,omitempty"`
	Summary      string   `json:"summary,omitempty"`
	Outcome      string   `json:"outcome,omitempty"`
	NextStep     string   `json:"next_step,omitempty"`
}

// Kind implements Record.
func (*Visit) Kind() Kind { return KindVisit }

// Parent implements Child.
func (v *Visit) Parent() string { return v.EnterpriseID }
