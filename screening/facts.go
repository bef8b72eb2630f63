package screening

import (
	"github.com/shanhaifield/shanhai/industry"
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/rulepack"
)

// facts are what a candidate is in the pack's eyes — its code's sectors,
// EIA class, chain segments and processes — worked out once and then
// compared with each zone, so screening many zones costs little more than
// one.
type facts struct {
	pj    *record.Project
	code  string
	valid bool
	ps    procSet
	hits  [8]rulepack.SegmentHit
	nhits int

	twoHigh, highEnergy, voc, third sectorHit

	eiaRow             *rulepack.EIARow
	eiaClass, eiaMaybe rulepack.EIAClass
}

type sectorHit struct {
	item  rulepack.CodeName
	found bool
}

func sector(item rulepack.CodeName, found bool) sectorHit { return sectorHit{item, found} }

// gather fills f for candidate c; f is reused between candidates.
func gather(p *rulepack.Pack, c Candidate, f *facts) {
	*f = facts{pj: c.Project, code: c.IndustryCode()}
	if f.pj == nil {
		// Without a project every figure is missing.
		f.pj = &record.Project{}
	}
	f.ps = matchProcesses(p, f.pj)
	f.valid = rulepack.ValidCode(f.code)
	if !f.valid && f.code != "" {
		// What staff type: "C3670", "３６７０", " 3670 ".
		if n, err := industry.Normalize(f.code); err == nil {
			f.code, f.valid = n, rulepack.ValidCode(n)
		}
	}
	if !f.valid {
		return
	}
	var buf [5]string
	for _, k := range rulepack.Prefixes(f.code, &buf) {
		for _, h := range p.SegmentsAt(k) {
			if f.nhits < len(f.hits) {
				f.hits[f.nhits] = h
				f.nhits++
			}
		}
	}
	f.twoHigh = sector(p.TwoHigh(f.code))
	f.highEnergy = sector(p.HighEnergy(f.code))
	f.voc = sector(p.VOCSector(f.code))
	f.third = sector(p.ThirdClass(f.code))
	f.eiaClassify(p)
}
