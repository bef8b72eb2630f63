package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestEnterpriseItemEllipsis: a name that fits its row is drawn whole
// without the (costly) ellipsis truncation; one that does not, or a row
// narrowed afterwards, gets the ellipsis.
func TestEnterpriseItemEllipsis(t *testing.T) {
	test.NewTempApp(t)
	it := newEnterpriseItem().(*enterpriseItem)
	w := test.NewWindow(it)
	defer w.Close()
	long := enterpriseRow{name: "浙江省丽水市景宁畲族自治县山海协作婴幼儿教具玩具智能制造有限公司", stage: "线索"}
	short := enterpriseRow{name: "四联玩具", stage: "线索"}
	tests := []struct {
		name  string
		width float32
		row   enterpriseRow
		want  fyne.TextTruncation
	}{
		{"short name, wide row", 900, short, fyne.TextTruncateOff},
		{"long name, wide row", 900, long, fyne.TextTruncateOff},
		{"long name, narrow row", 300, long, fyne.TextTruncateEllipsis},
		{"short name, narrow row", 300, short, fyne.TextTruncateOff},
		{"long name again, then widened", 900, long, fyne.TextTruncateOff},
	}
	for _, tt := range tests {
		w.Resize(fyne.NewSize(tt.width, 60))
		it.set(tt.row)
		if it.name.Truncation != tt.want {
			t.Errorf("%s: truncation %v, want %v (name width %v)", tt.name, it.name.Truncation, tt.want, it.name.Size().Width)
		}
	}
	w.Resize(fyne.NewSize(300, 60)) // narrowed without a new row
	if it.name.Truncation != fyne.TextTruncateEllipsis {
		t.Errorf("long name after narrowing: truncation %v, want ellipsis", it.name.Truncation)
	}
}
