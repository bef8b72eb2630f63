package rulepack

// Role is a segment's place in a chain.
type Role string

// Chain roles, in order from raw inputs to end use.
const (
	Upstream   Role = "upstream"   // 上游
	Midstream  Role = "midstream"  // 中游
	Downstream Role = "downstream" // 下游
)

// Chinese returns the role as staff write it.
func (r Role) Chinese() string {
	switch r {
	case Upstream:
		return "上游"
	case Midstream:
		return "中游"
	case Downstream:
		return "下游"
	}
	return string(r)
}

// Rank orders roles along the chain: upstream 0, midstream 1, downstream 2,
// unknown -1.
func (r Role) Rank() int {
	switch r {
	case Upstream:
		return 0
	case Midstream:
		return 1
	case Downstream:
		return 2
	}
	return -1
}

// Chain is an industrial chain (产业链) as segments of industry codes.
type Chain struct {
	Sourced
	ID     string `json:"id"`
	Name   string `json:"name"`
	NameEn string `json:"name_en,omitempty"`
	// NameEnSource says where NameEn comes from (a translation, as a
	// rule: chains are the pack editor's grouping).
	NameEnSource string    `json:"name_en_source,omitempty"`
	Segments     []Segment `json:"segments"`
}

// Segment is one part of a chain.
type Segment struct {
	Role  Role       `json:"role"`
	Codes []CodeName `json:"codes"`
}

// CodeName is an industry code with its name, so a pack is readable
// without the classification table at hand.
type CodeName struct {
	Code string `json:"code"`
	Name string `json:"name"`
}
