package app

import (
	"testing"

	"github.com/shanhaifield/shanhai/storage"
)

func TestDuplicateReasonLanguage(t *testing.T) {
	tests := []struct {
		d      storage.Duplicate
		zh, en string
	}{
		{storage.Duplicate{Reason: storage.ReasonCreditCode, Zh: "统一社会信用代码相同", En: "same unified social credit code"},
			"统一社会信用代码相同", "same unified social credit code"},
		// A duplicate from an older store carries no English: the code gives it.
		{storage.Duplicate{Reason: storage.ReasonMobile, Zh: "联系人手机号相同"}, "联系人手机号相同", "a contact has the same mobile number"},
		{storage.Duplicate{Reason: "new_reason"}, "new_reason", "new_reason"},
	}
	for _, tt := range tests {
		if got := duplicateReason(tt.d); got != tt.zh {
			t.Errorf("Chinese %+v = %q, want %q", tt.d, got, tt.zh)
		}
	}
	useEnglish(t)
	for _, tt := range tests {
		if got := duplicateReason(tt.d); got != tt.en {
			t.Errorf("English %+v = %q, want %q", tt.d, got, tt.en)
		}
	}
}
