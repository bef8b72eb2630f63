package searchtest

import (
	"fmt"
	"math/rand/v2"
)

// Enterprise is one synthetic company.
type Enterprise struct {
	Name         string // registered name, e.g. 浙江四联玩具有限公司
	ShortName    string // e.g. 四联玩具
	Address      string // e.g. 浙江省丽水市景宁畲族自治县人民路88号
	CreditCode   string // 18 characters, valid GB 32100 check character
	IndustryCode string // GB/T 4754-2017 code matching the name's industry word
	RegionCode   string // GB/T 2260 ADCODE of the address, also in the credit code
}

// Enterprises returns n enterprises with distinct names and credit codes.
// The same n and seed always give the same list, and a smaller n gives a
// prefix of a larger one.
func Enterprises(n int, seed int64) []Enterprise {
	rng := newRand(seed, 1)
	out := make([]Enterprise, 0, max(n, 0))
	names := make(map[string]bool, max(n, 0))
	codes := make(map[string]bool, max(n, 0))
	for len(out) < n {
		e := enterprise(rng)
		if names[e.Name] || codes[e.CreditCode] {
			continue
		}
		names[e.Name], codes[e.CreditCode] = true, true
		out = append(out, e)
	}
	return out
}

func enterprise(rng *rand.Rand) Enterprise {
	p := pick(rng, zhejiang)
	ind := pick(rng, industries)
	stem := string([]rune{pick(rng, stemFirst), pick(rng, stemSecond)})
	legal := pick(rng, legalForms)
	var name string
	switch k := rng.IntN(10); {
	case k < 4: // 浙江四联玩具有限公司
		name = "浙江" + stem + ind.word + legal
	case k < 7: // 丽水恒达机械有限公司
		name = p.cityShort + stem + ind.word + legal
	case k < 9 && p.countyShort != "": // 景宁华鑫电子有限公司
		name = p.countyShort + stem + ind.word + legal
	default: // 恒达（杭州）机械有限公司
		name = stem + "（" + p.cityShort + "）" + ind.word + legal
	}
	return Enterprise{
		Name:         name,
		ShortName:    stem + ind.word,
		Address:      fmt.Sprintf("浙江省%s%s%s%d号", p.city, p.county, pick(rng, streets), 1+rng.IntN(999)),
		CreditCode:   creditCode(rng, p.adcode),
		IndustryCode: ind.code,
		RegionCode:   p.adcode,
	}
}

// creditCode builds a code for a company (登记管理部门 9 = market
// regulation, 机构类别 1 = enterprise) registered in adcode: half carry an
// old 8-digit organisation code, half a post-2015 "MA" body.
func creditCode(rng *rand.Rand, adcode string) string {
	body := make([]byte, 8)
	if rng.IntN(2) == 0 {
		for i := range body {
			body[i] = byte('0' + rng.IntN(10))
		}
	} else {
		body[0], body[1] = 'M', 'A'
		for i := 2; i < 8; i++ {
			body[i] = creditCharset[rng.IntN(len(creditCharset))]
		}
	}
	first17 := "91" + adcode + string(body) + string(orgCodeCheck(string(body)))
	check, _ := CreditCodeCheck(first17) // body and check use the code's charset
	return first17 + string(check)
}

func newRand(seed int64, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), stream))
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }
