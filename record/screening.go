package record

import "encoding/json"

// Screening is a stored screening run (筛查): one candidate (enterprise +
// project) checked against one or more zones under one rule pack. It keeps
// the pack version and the inputs so the run can be reproduced and re-run
// when a newer pack arrives.
type Screening struct {
	Meta
	EnterpriseID string   `json:"enterprise_id"`
	ProjectID    string   `json:"project_id,omitempty"`
	PackVersion  string   `json:"pack_version"`
	PackDate     string   `json:"pack_date,omitempty"`
	Zones        []string `json:"zones"`
	// Inputs and Results hold the screening package's JSON (the candidate
	// as checked and one result per zone); kept opaque here so records do
	// not depend on the rules.
	Inputs  json.RawMessage `json:"inputs,omitempty"`
	Results json.RawMessage `json:"results,omitempty"`
}

// Kind implements Record.
func (*Screening) Kind() Kind { return KindScreening }

// Parent implements Child.
func (s *Screening) Parent() string { return s.EnterpriseID }

// Validate implements Record.
func (s *Screening) Validate() Problems {
	var ps Problems
	ps = append(ps, required("enterprise_id", s.EnterpriseID)...)
	ps = append(ps, required("pack_version", s.PackVersion)...)
	if len(s.Zones) == 0 {
		ps = append(ps, Problem{Field: "zones", Rule: "required", Severity: Error,
			Zh: "筛查开发区不能为空", En: "zones is required"})
	}
	return ps
}
