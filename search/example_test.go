package search_test

import (
	"fmt"

	"github.com/shanhaifield/shanhai/search"
)

func ExampleIndex_Query() {
	ix := search.New()
	ix.Put(search.Doc{ID: "e1", Kind: search.KindEnterprise, Name: "浙江四联玩具有限公司", ShortName: "四联玩具",
		Address: "浙江省丽水市景宁畲族自治县人民路88号", CreditCode: "91331127MA2A1B2C3X"})
	ix.Put(search.Doc{ID: "c1", Kind: search.KindContact, EnterpriseID: "e1", Name: "张伟",
		Mobiles: []string{"+8613800008000"}})
	for _, q := range []string{"四联", "slwj", "silian", "913311", "8000", "zhangwei", "四联 景宁"} {
		for _, r := range ix.Query(q, 10) {
			fmt.Printf("%-10s %s %s %d\n", q, r.ID, r.Field, r.Score)
		}
	}
	// Output:
	// 四联         e1 short_name 800
	// slwj       e1 pinyin_initials 600
	// silian     e1 pinyin 500
	// 913311     e1 credit_code 300
	// 8000       c1 mobile 300
	// zhangwei   c1 pinyin 550
	// 四联 景宁      e1 short_name 1200
}
