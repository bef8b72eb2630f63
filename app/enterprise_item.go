package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/record"
)

// enterpriseItem draws one enterpriseRow: the name on the left, cut with
// an ellipsis when narrow, then the stage and region in fixed-width
// columns so that they line up from row to row.
type enterpriseItem struct {
	widget.BaseWidget
	name   *widget.Label
	stage  *widget.Label
	region *widget.Label
}

func newEnterpriseItem() fyne.CanvasObject {
	it := &enterpriseItem{name: widget.NewLabel(""), stage: widget.NewLabel(""), region: widget.NewLabel("")}
	it.name.Truncation = fyne.TextTruncateEllipsis
	it.stage.Importance = widget.HighImportance
	it.region.Importance = widget.LowImportance
	it.ExtendBaseWidget(it)
	return it
}

// CreateRenderer implements fyne.Widget.
func (it *enterpriseItem) CreateRenderer() fyne.WidgetRenderer {
	stages := make([]string, 0, len(record.Stages))
	for _, s := range record.Stages {
		stages = append(stages, stageLabel(s))
	}
	right := container.NewHBox(
		container.New(layout.NewGridWrapLayout(labelSize(stages...)), it.stage),
		container.New(layout.NewGridWrapLayout(labelSize(regionLabel("330604"), regionLabel(""))), it.region),
	)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, right, it.name))
}

// labelSize is the size a label needs to show the widest of texts.
func labelSize(texts ...string) fyne.Size {
	var s fyne.Size
	for _, t := range texts {
		s = s.Max(widget.NewLabel(t).MinSize())
	}
	return s
}

func (it *enterpriseItem) set(r enterpriseRow) {
	name := r.name
	if r.match != "" {
		name += "（" + r.match + "）"
	}
	it.name.Text = name
	it.fitName()
	it.name.Refresh()
	it.stage.SetText(r.stage)
	it.region.SetText(r.region)
}

// Resize implements fyne.Widget: a new width may change whether the name
// needs its ellipsis.
func (it *enterpriseItem) Resize(size fyne.Size) {
	it.BaseWidget.Resize(size)
	if it.fitName() {
		it.name.Refresh()
	}
}

// fitName asks for the ellipsis only when the name does not fit, and
// reports whether that changed. Fyne 2.8 shapes an ellipsis label's text
// afresh with a new shaper on every layout, about a millisecond with the
// CJK font, which made redrawing the rows most of a search keystroke's
// time; a name that fits is measured through Fyne's text cache instead.
func (it *enterpriseItem) fitName() bool {
	want := fyne.TextTruncateEllipsis
	if w := it.name.Size().Width; w > 0 {
		size := theme.SizeForWidget(theme.SizeNameText, it.name)
		if fyne.MeasureText(it.name.Text, size, it.name.TextStyle).Width+2*theme.InnerPadding()+1 <= w {
			want = fyne.TextTruncateOff
		}
	}
	if it.name.Truncation == want {
		return false
	}
	it.name.Truncation = want
	return true
}
