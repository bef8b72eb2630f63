package rulepack

// Evidence grades how well a fact is sourced; it mirrors the tags of
// domain-rules.md so that a reader can tell a rule from an example.
type Evidence string

// Evidence grades.
const (
	// Verified: the primary text was read.
	Verified Evidence = "verified"
	// Secondary: a news report, re-post or summary states it.
	Secondary Evidence = "secondary"
	// Example: not sourced; a plausible value to be replaced by the zone.
	Example Evidence = "example"
)

func (e Evidence) valid() bool { return e == Verified || e == Secondary || e == Example }

// Sourced is embedded in every item of the pack: where the fact comes from
// (document, URL, date) and how well it is established.
type Sourced struct {
	Source   string   `json:"source"`
	Evidence Evidence `json:"evidence"`
	Note     string   `json:"note,omitempty"`
}

func (e Evidence) strength() int {
	switch e {
	case Verified:
		return 2
	case Secondary:
		return 1
	}
	return 0
}

// Weakest returns the less established of two grades: a conclusion is as
// good as its weakest input.
func Weakest(a, b Evidence) Evidence {
	if a == "" {
		return b
	}
	if b == "" || a.strength() <= b.strength() {
		return a
	}
	return b
}
