package rulepack

import (
	"sort"
	"strings"
)

// index holds what screening looks up per candidate, built once per pack
// so a check is a handful of map probes and no allocation.
type index struct {
	profiles   map[string]*Profile
	chains     map[string]*Chain
	segments   map[string][]SegmentHit // code → chain segments listing it
	eia        map[string]*EIARow      // code → catalogue row
	twoHigh    map[string]CodeName
	highEnergy map[string]CodeName
	voc        map[string]CodeName
	thirdClass map[string]CodeName
	keywords   []processKeyword // longest first
}

type processKeyword struct {
	word string
	proc *Process
}

// Profile is a zone with everything screening needs about it resolved:
// its eco thresholds, its current land table, and its carriers summed up.
// Fields are read-only.
type Profile struct {
	Zone *Zone
	Eco  *EcoThreshold // nil: the pack sets no eco thresholds for the zone
	Land *LandTable    // the latest year; nil: none
	// Leading flattens the leading industries: one entry per code.
	Leading []LeadingCode
	// The largest single carrier's land, power and water: a project is
	// placed on one carrier.
	MaxAreaMu, MaxPowerKVA, MaxWaterTPD float64
	// Features are the special features any carrier offers.
	Features []string
	// CarrierEvidence is the weakest grade among the carriers.
	CarrierEvidence Evidence
	// LeadingText joins the leading industries' wordings with "、" for
	// reasons ("婴幼儿教具玩具").
	LeadingText string
	negCodes    map[string]CodeName
	negProcs    map[string]bool
}

// LeadingCode is one code of a leading industry with its wording and
// how well that wording is sourced.
type LeadingCode struct {
	Code     string
	Wording  string
	Evidence Evidence
}

// SegmentHit locates a code in a chain.
type SegmentHit struct {
	Chain *Chain
	Role  Role
	Item  CodeName
}

// Profile returns the precomputed profile of a zone, or nil.
func (p *Pack) Profile(id string) *Profile { return p.ix().profiles[id] }

// NegativeCode returns the zone's negative-list entry that code falls in.
func (pr *Profile) NegativeCode(code string) (CodeName, bool) {
	return lookup(pr.negCodes, code)
}

// BansProcess reports whether the zone's negative list names the process
// (canonical name).
func (pr *Profile) BansProcess(name string) bool { return pr.negProcs[name] }

// SegmentsAt returns the chain segments that list exactly key (a code or a
// prefix of one); callers walk a code's prefixes with Prefixes.
func (p *Pack) SegmentsAt(key string) []SegmentHit { return p.ix().segments[key] }

// Prefixes writes code, its shorter digit prefixes (longest first) and
// its 门类 letter into dst and returns them.
func Prefixes(code string, dst *[5]string) []string { return prefixes(code, dst) }

// EIARow returns the catalogue row whose codes most narrowly contain code.
func (p *Pack) EIARow(code string) (*EIARow, bool) {
	eia := p.ix().eia
	var buf [5]string
	for _, k := range prefixes(code, &buf) {
		if r, ok := eia[k]; ok {
			return r, true
		}
	}
	return nil, false
}

// TwoHigh returns the 两高 sector code falls in.
func (p *Pack) TwoHigh(code string) (CodeName, bool) { return lookup(p.ix().twoHigh, code) }

// HighEnergy returns the high-energy sector code falls in.
func (p *Pack) HighEnergy(code string) (CodeName, bool) { return lookup(p.ix().highEnergy, code) }

// VOCSector returns the VOC key sector code falls in.
func (p *Pack) VOCSector(code string) (CodeName, bool) { return lookup(p.ix().voc, code) }

// ThirdClass returns the 三类 industry entry code falls in.
func (p *Pack) ThirdClass(code string) (CodeName, bool) { return lookup(p.ix().thirdClass, code) }

// MatchProcess maps a process as staff typed it ("镀锌电镀线", "化学镀")
// to a known polluting process.
func (p *Pack) MatchProcess(s string) (*Process, bool) {
	for _, k := range p.ix().keywords {
		if strings.Contains(s, k.word) {
			return k.proc, true
		}
	}
	return nil, false
}

// ix returns the index; a Pack not built by a loader answers every query
// with "nothing found" instead of panicking.
func (p *Pack) ix() *index {
	if p == nil || p.idx == nil {
		return &index{}
	}
	return p.idx
}

func lookup(m map[string]CodeName, code string) (CodeName, bool) {
	var buf [5]string
	for _, k := range prefixes(code, &buf) {
		if c, ok := m[k]; ok {
			return c, true
		}
	}
	return CodeName{}, false
}

func buildIndex(p *Pack) *index {
	ix := &index{
		profiles: map[string]*Profile{}, chains: map[string]*Chain{},
		segments: map[string][]SegmentHit{}, eia: map[string]*EIARow{},
		twoHigh: codeSet(p.Eco.TwoHigh.Items), highEnergy: codeSet(p.Eco.HighEnergy.Items),
		voc: codeSet(p.Eco.VOC.Items), thirdClass: codeSet(p.Eco.ThirdClass.Items),
	}
	for i := range p.Chains {
		c := &p.Chains[i]
		ix.chains[c.ID] = c
		for _, s := range c.Segments {
			for _, cn := range s.Codes {
				ix.segments[cn.Code] = append(ix.segments[cn.Code], SegmentHit{Chain: c, Role: s.Role, Item: cn})
			}
		}
	}
	for i := range p.Eco.EIA.Rows {
		r := &p.Eco.EIA.Rows[i]
		for _, c := range r.Codes {
			ix.eia[c] = r
		}
	}
	for i := range p.Eco.Processes {
		pr := &p.Eco.Processes[i]
		for _, w := range append([]string{pr.Name}, pr.Aliases...) {
			ix.keywords = append(ix.keywords, processKeyword{w, pr})
		}
	}
	// Longest words first, so "化学镀" is not read as a shorter keyword.
	sort.SliceStable(ix.keywords, func(i, j int) bool { return len(ix.keywords[i].word) > len(ix.keywords[j].word) })
	for i := range p.ZoneList {
		z := &p.ZoneList[i]
		ix.profiles[z.ID] = buildProfile(p, z)
	}
	return ix
}

func buildProfile(p *Pack, z *Zone) *Profile {
	pr := &Profile{Zone: z, negCodes: map[string]CodeName{}, negProcs: map[string]bool{}}
	words := make([]string, 0, len(z.Leading))
	for _, l := range z.Leading {
		words = append(words, l.Wording)
		for _, c := range l.Codes {
			pr.Leading = append(pr.Leading, LeadingCode{Code: c, Wording: l.Wording, Evidence: l.Evidence})
		}
	}
	pr.LeadingText = strings.Join(words, "、")
	for _, c := range z.Carriers {
		pr.MaxAreaMu = max(pr.MaxAreaMu, c.AreaMu)
		pr.MaxPowerKVA = max(pr.MaxPowerKVA, c.PowerKVA)
		pr.MaxWaterTPD = max(pr.MaxWaterTPD, c.WaterTPD)
		pr.Features = append(pr.Features, c.Features...)
		pr.CarrierEvidence = Weakest(pr.CarrierEvidence, c.Evidence)
	}
	for i := range p.Eco.Zones {
		if e := &p.Eco.Zones[i]; e.Zone == z.ID {
			pr.Eco = e
			for _, c := range e.NegativeCodes {
				pr.negCodes[c.Code] = c
			}
			for _, n := range e.NegativeProcesses {
				pr.negProcs[n] = true
			}
		}
	}
	for i := range p.Land.Tables {
		if t := &p.Land.Tables[i]; t.Zone == z.ID && (pr.Land == nil || t.Year > pr.Land.Year) {
			pr.Land = t
		}
	}
	return pr
}

func codeSet(items []CodeName) map[string]CodeName {
	m := make(map[string]CodeName, len(items))
	for _, it := range items {
		m[it.Code] = it
	}
	return m
}
