package record

import "testing"

var benchNames = []string{"浙江四联玩具有限公司", "四联玩具（浙江）有限公司", "浙江省湖州市长兴县天能化工有限公司",
	"ＡＢＣ　Ｔｅｃｈ Co., Ltd.", "四联玩具有限公司杭州分公司"}

func BenchmarkNormalName(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		NormalName(benchNames[i%len(benchNames)])
	}
}

func BenchmarkNormalizeMobile(b *testing.B) {
	for b.Loop() {
		if _, err := NormalizeMobile("+86 138-0013-8000"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckCreditCode(b *testing.B) {
	for b.Loop() {
		if _, ps := CheckCreditCode(" 9135 0100 m000 100y 43 "); len(ps) != 0 {
			b.Fatal(ps)
		}
	}
}

func BenchmarkEnterpriseNormalizeValidate(b *testing.B) {
	for b.Loop() {
		e := validEnterprise()
		e.Name = "  浙江四联玩具有限公司 "
		Normalize(e)
		if ps := e.Validate(); len(ps) != 0 {
			b.Fatal(ps)
		}
	}
}

func BenchmarkContactNormalizeValidate(b *testing.B) {
	for b.Loop() {
		c := validContact()
		c.Mobile = "138 0013 8000"
		Normalize(c)
		if ps := c.Validate(); len(ps) != 0 {
			b.Fatal(ps)
		}
	}
}
