package record

import (
	"reflect"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name      string
		in, want  Record
		wantValid bool
	}{
		{"enterprise",
			&Enterprise{Name: "  浙江四联玩具\u00a0 有限公司 ", CreditCode: " ９１３５０１００ｍ０００１００ｙ４３ ",
				IndustryCode: " ｃ ", RegionCode: "３３１１２４", Stage: "", Tags: []string{" 玩具 ", "", "  "},
				Notes: "  第一行  \n第二行 "},
			&Enterprise{Name: "浙江四联玩具 有限公司", CreditCode: codeFujian, IndustryCode: "C", RegionCode: "331124",
				Stage: StageLead, Tags: []string{"玩具"}, Notes: "第一行\n第二行"},
			true},
		{"enterprise Chinese stage",
			&Enterprise{Name: "四联", Stage: " 在谈 "},
			&Enterprise{Name: "四联", Stage: StageNegotiating}, true},
		{"enterprise unknown stage kept for Validate",
			&Enterprise{Name: "四联", Stage: " won "},
			&Enterprise{Name: "四联", Stage: "won"}, false},
		{"contact",
			&Contact{EnterpriseID: " e ", Name: " 王经理 ", Mobile: "+86 138-0013-8000", Phone: " 0578-8123456 ",
				Email: " Wang@Example.COM ", LegalBasis: " Consent ", ConsentDate: "2025/3/8"},
			&Contact{EnterpriseID: "e", Name: "王经理", Mobile: "+8613800138000", Phone: "0578-8123456",
				Email: "Wang@example.com", LegalBasis: BasisConsent, ConsentDate: "2025-03-08"},
			true},
		{"contact full-width email",
			&Contact{EnterpriseID: "e", Name: "王", Email: "ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ"},
			&Contact{EnterpriseID: "e", Name: "王", Email: "wang@example.com"}, true},
		{"contact bad mobile left for Validate",
			&Contact{EnterpriseID: "e", Name: "王", Mobile: " 138 00 "},
			&Contact{EnterpriseID: "e", Name: "王", Mobile: "138 00"}, false},
		{"visit",
			&Visit{EnterpriseID: "e", Date: "2025年3月8日", Place: " 松阳 ", Participants: []string{" 张三 ", ""},
				Summary: " 谈了用地 \n"},
			&Visit{EnterpriseID: "e", Date: "2025-03-08", Place: "松阳", Participants: []string{"张三"}, Summary: "谈了用地"},
			true},
		{"visit bad date left for Validate",
			&Visit{EnterpriseID: "e", Date: " 2025/2/30 "},
			&Visit{EnterpriseID: "e", Date: "2025/2/30"}, false},
		{"project",
			&Project{EnterpriseID: "e", Name: " 玩具项目 ", IndustryCode: "２４５１", Processes: []string{" 喷涂 ", ""}},
			&Project{EnterpriseID: "e", Name: "玩具项目", IndustryCode: "2451", Processes: []string{"喷涂"}},
			true},
		{"task",
			&Task{EnterpriseID: "e", Title: " 回访 ", Due: "20250308", Assignee: " 李 "},
			&Task{EnterpriseID: "e", Title: "回访", Due: "2025-03-08", Assignee: "李"},
			true},
		{"referral",
			&Referral{EnterpriseID: "e", FromZone: " z1 ", ToZone: "z2", Reason: " 定位不符 ", Status: ReferralPending,
				Deadline: "2025/3/8"},
			&Referral{EnterpriseID: "e", FromZone: "z1", ToZone: "z2", Reason: "定位不符", Status: ReferralPending,
				Deadline: "2025-03-08"},
			true},
		{"screening",
			&Screening{EnterpriseID: "e", PackVersion: " 2025.1 ", Zones: []string{" z1 ", " "}},
			&Screening{EnterpriseID: "e", PackVersion: "2025.1", Zones: []string{"z1"}},
			true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			Normalize(tt.in)
			if !reflect.DeepEqual(tt.in, tt.want) {
				t.Errorf("Normalize =\n %+v\nwant\n %+v", tt.in, tt.want)
			}
			if ps := tt.in.Validate(); (len(ps.Errors()) == 0) != tt.wantValid {
				t.Errorf("after Normalize, Validate = %+v; want valid=%v", ps, tt.wantValid)
			}
			once := reflect.ValueOf(tt.in).Elem().Interface()
			Normalize(tt.in)
			if twice := reflect.ValueOf(tt.in).Elem().Interface(); !reflect.DeepEqual(once, twice) {
				t.Errorf("Normalize not idempotent:\n %+v\n %+v", once, twice)
			}
		})
	}
}

func TestNormalizeNil(t *testing.T) {
	Normalize(nil)
	Normalize((*Enterprise)(nil))
	Normalize((*Contact)(nil))
	Normalize((*Visit)(nil))
	Normalize((*Project)(nil))
	Normalize((*Task)(nil))
	Normalize((*Referral)(nil))
	Normalize((*Screening)(nil))
}

func TestNormalizeDoesNotAliasCallerSlices(t *testing.T) {
	tags := []string{" a ", "b"}
	e := &Enterprise{Name: "四联", Tags: tags}
	Normalize(e)
	if tags[0] != " a " {
		t.Errorf("caller's slice changed: %q", tags)
	}
	if !reflect.DeepEqual(e.Tags, []string{"a", "b"}) {
		t.Errorf("Tags = %q", e.Tags)
	}
}
