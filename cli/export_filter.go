package cli

import (
	"slices"

	"github.com/shanhaifield/shanhai/record"
)

// exportFilter narrows an export to some enterprises and everything that
// belongs to them; the zero filter keeps everything.
type exportFilter struct {
	stage      record.Stage
	zone, tag  string
	enterprise string
}

func (f exportFilter) empty() bool { return f == exportFilter{} }

// keepEnterprise reports whether an enterprise passes every given test.
func (f exportFilter) keepEnterprise(e *record.Enterprise) bool {
	return (f.stage == "" || e.Stage == f.stage) &&
		(f.zone == "" || e.ZoneID == f.zone) &&
		(f.tag == "" || slices.Contains(e.Tags, f.tag)) &&
		(f.enterprise == "" || e.ID == f.enterprise)
}

// apply keeps the enterprises that pass and the records of those
// enterprises. It reads every enterprise from all, so the kinds exported
// need not include enterprises.
func (f exportFilter) apply(all, recs []record.Record) []record.Record {
	if f.empty() {
		return recs
	}
	kept := map[string]bool{}
	for _, r := range all {
		if e, ok := r.(*record.Enterprise); ok && f.keepEnterprise(e) {
			kept[e.ID] = true
		}
	}
	var out []record.Record
	for _, r := range recs {
		switch v := r.(type) {
		case *record.Enterprise:
			if kept[v.ID] {
				out = append(out, r)
			}
		case record.Child:
			if kept[v.Parent()] {
				out = append(out, r)
			}
		}
	}
	return out
}
