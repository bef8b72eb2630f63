package screening

import (
	"math/rand/v2"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

// syntheticCandidates makes n candidates over a spread of industry codes,
// processes and figures, with about one figure in ten left unknown.
func syntheticCandidates(n int) []Candidate {
	codes := []string{"2459", "2413", "3963", "3670", "3612", "3484", "3360", "1713", "2221", "2661",
		"2710", "3973", "3985", "6513", "3491", "3511", "1810", "2929", "3011", "C", "24", "4411"}
	procs := []string{"注塑", "电镀", "喷涂", "印染", "酸洗", "组装"}
	r := rand.New(rand.NewPCG(1, 2))
	fig := func(lo, hi float64) *float64 {
		if r.IntN(10) == 0 {
			return nil
		}
		v := lo + r.Float64()*(hi-lo)
		return &v
	}
	out := make([]Candidate, n)
	for i := range out {
		pj := &record.Project{
			LandMu: fig(5, 150), FixedAssetWan: fig(1000, 60000), TaxWan: fig(50, 5000), PlotRatio: fig(0.6, 3.2),
			PowerKVA: fig(200, 20000), WaterTPD: fig(5, 3000), WastewaterTPD: fig(1, 2000), EnergyTce: fig(100, 30000),
			SolventTPY: fig(0, 30),
		}
		if r.IntN(4) == 0 {
			pj.Processes = []string{procs[r.IntN(len(procs))]}
		}
		if r.IntN(8) == 0 {
			pj.SpecialNeeds = []string{"无人机试飞空域"}
		}
		out[i] = Candidate{Enterprise: &record.Enterprise{IndustryCode: codes[r.IntN(len(codes))]}, Project: pj}
	}
	return out
}

// BenchmarkScreen ranks 100k synthetic candidates against every shipped
// zone per iteration (the bulk path: verdicts and scores, reasons left to
// Explain). Target: ≥ 1,000,000 zone-checks/s on one core (-cpu 1).
func BenchmarkScreen(b *testing.B) {
	p := loadPack(b)
	cands := syntheticCandidates(100_000)
	zones := AllZones(p)
	var buf []Result
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, c := range cands {
			buf = Rank(p, c, zones, buf)
		}
	}
	cpu := cpuTime() - cpu0
	checks := float64(b.N) * float64(len(cands)*len(zones))
	b.ReportMetric(checks/b.Elapsed().Seconds(), "zone-checks/s")
	if cpu > 0 {
		// With -cpu 1 the process runs on one core: this is the rate
		// per core-second of CPU actually received.
		b.ReportMetric(checks/cpu.Seconds(), "zone-checks/cpu-s")
	}
}

// BenchmarkScreenExplained is the interactive path: Screen with every
// reason rendered in Chinese and English.
func BenchmarkScreenExplained(b *testing.B) {
	p := loadPack(b)
	cands := syntheticCandidates(10_000)
	zones := AllZones(p)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, c := range cands {
			_ = Screen(p, c, zones)
		}
	}
	checks := float64(b.N) * float64(len(cands)*len(zones))
	b.ReportMetric(checks/b.Elapsed().Seconds(), "zone-checks/s")
}

// BenchmarkCheck is one candidate against one zone with reasons, as the
// verdict table shows it.
func BenchmarkCheck(b *testing.B) {
	p := loadPack(b)
	c := silianFull()
	b.ReportAllocs()
	for b.Loop() {
		_ = Check(p, c, "jingning")
	}
}
