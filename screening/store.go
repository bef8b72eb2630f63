package screening

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/shanhaifield/shanhai/record"
)

// NewRecord packs a screening run into the record the store keeps: the
// pack version and date, the zones, the candidate and every result, so the
// run can be shown, reproduced and re-run later. All results must come
// from one candidate and one pack.
func NewRecord(results []Result) (*record.Screening, error) {
	if len(results) == 0 {
		return nil, errors.New("screening record: no results")
	}
	first := results[0]
	rec := &record.Screening{PackVersion: first.PackVersion, PackDate: first.PackDate}
	for _, r := range results {
		if r.PackVersion != first.PackVersion || r.Input != first.Input {
			return nil, fmt.Errorf("screening record: zone %s was screened with another pack or candidate", r.ZoneID)
		}
		rec.Zones = append(rec.Zones, r.ZoneID)
	}
	if e := first.Input.Enterprise; e != nil {
		rec.EnterpriseID = e.ID
	}
	if p := first.Input.Project; p != nil {
		rec.ProjectID = p.ID
	}
	var err error
	if rec.Inputs, err = json.Marshal(first.Input); err != nil {
		return nil, fmt.Errorf("screening record: inputs: %w", err)
	}
	if rec.Results, err = json.Marshal(results); err != nil {
		return nil, fmt.Errorf("screening record: results: %w", err)
	}
	return rec, nil
}

// FromRecord reads back the candidate and results a record holds.
func FromRecord(rec *record.Screening) (Candidate, []Result, error) {
	var c Candidate
	var rs []Result
	if rec == nil {
		return c, nil, errors.New("screening record: nil")
	}
	if err := json.Unmarshal(rec.Inputs, &c); err != nil {
		return c, nil, fmt.Errorf("screening record %s: inputs: %w", rec.ID, err)
	}
	if err := json.Unmarshal(rec.Results, &rs); err != nil {
		return c, nil, fmt.Errorf("screening record %s: results: %w", rec.ID, err)
	}
	return c, rs, nil
}
