package screening

import (
	"github.com/shanhaifield/shanhai/rulepack"
)

// Similarity says how alike two zones' positioning is, from 0 (nothing in
// common) to 1 (the same leading industries): for each leading code the
// best affinity with the other zone's codes, averaged both ways so that
// neither zone's breadth dominates. The province paired zones on this
// basis (松阳 智能装备制造 with 嘉兴 高端装备制造, “两者产业相近”).
func Similarity(p *rulepack.Pack, a, b string) float64 {
	pa, pb := p.Profile(a), p.Profile(b)
	if pa == nil || pb == nil || len(pa.Leading) == 0 || len(pb.Leading) == 0 {
		return 0
	}
	return (bestMean(p, pa.Leading, pb.Leading) + bestMean(p, pb.Leading, pa.Leading)) / 2
}

func bestMean(p *rulepack.Pack, xs, ys []rulepack.LeadingCode) float64 {
	sum := 0.0
	for _, x := range xs {
		best := 0.0
		for _, y := range ys {
			best = max(best, affinity(p, x.Code, y.Code))
		}
		sum += best
	}
	return sum / float64(len(xs))
}

// affinity of two codes: 1 if equal, 0.85 if one contains the other, 0.8
// for the same 中类, 0.6 for the same 大类, 0.3 for the same chain.
func affinity(p *rulepack.Pack, x, y string) float64 {
	switch {
	case x == y:
		return 1
	case rulepack.Within(x, y) || rulepack.Within(y, x):
		return 0.85
	case len(x) >= 3 && len(y) >= 3 && x[:3] == y[:3]:
		return 0.8
	case len(x) >= 2 && len(y) >= 2 && x[:2] == y[:2] && rulepack.Section(x) != 0:
		return 0.6
	case shareChain(p, x, y):
		return 0.3
	}
	return 0
}

func shareChain(p *rulepack.Pack, x, y string) bool {
	var bx, by [5]string
	for _, kx := range rulepack.Prefixes(x, &bx) {
		for _, hx := range p.SegmentsAt(kx) {
			for _, ky := range rulepack.Prefixes(y, &by) {
				for _, hy := range p.SegmentsAt(ky) {
					if hx.Chain == hy.Chain {
						return true
					}
				}
			}
		}
	}
	return false
}

// Link is a leading industry of one zone that sits in a chain of another.
type Link struct {
	Code      string        `json:"code"`
	Wording   string        `json:"wording"`
	Chain     string        `json:"chain"`
	ChainName string        `json:"chain_name"`
	Role      rulepack.Role `json:"role"`
	Tag       Tag           `json:"tag"`
}

// ChainLinks lists where the leading industries of zone from sit in the
// chains zone to takes part in: 天台's 大车配 (3670) is upstream of
// 湖州经开区's 新能源汽车 chain. It shows the complement a pairing offers.
func ChainLinks(p *rulepack.Pack, from, to string) []Link {
	pf, pt := p.Profile(from), p.Profile(to)
	if pf == nil || pt == nil {
		return nil
	}
	var out []Link
	for _, l := range pf.Leading {
		var buf [5]string
		for _, k := range rulepack.Prefixes(l.Code, &buf) {
			for _, h := range p.SegmentsAt(k) {
				if role := zoneRole(pt.Zone, h.Chain.ID); role != nil {
					out = append(out, Link{Code: l.Code, Wording: l.Wording, Chain: h.Chain.ID,
						ChainName: h.Chain.Name, Role: h.Role, Tag: tagFor(role, h.Role)})
				}
			}
		}
	}
	return out
}
