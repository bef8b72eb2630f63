package app

import (
	"context"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// pickerRows is how many matching enterprises a picker shows at once.
const pickerRows = 5

// enterprisePicker chooses one enterprise by typing: a search box, the
// matches below it, and the choice.
type enterprisePicker struct {
	ctx context.Context
	svc Services

	search  *keyEntry
	matches []enterpriseRow
	list    *widget.List
	chosen  *widget.Label
	msg     *widget.Label // a problem with the choice
	listBox *fyne.Container
	id      string
	name    string
	content fyne.CanvasObject
	// onPick runs when the choice changes.
	onPick func(id string)
}

func newEnterprisePicker(ctx context.Context, svc Services, keys func(fyne.Shortcut) bool) *enterprisePicker {
	p := &enterprisePicker{ctx: ctx, svc: svc}
	p.search = newKeyEntry(keys)
	p.search.SetPlaceHolder(lang.X("visit.search", "输入企业名称、简称或拼音首字母"))
	p.search.OnChanged = p.find
	p.list = widget.NewList(func() int { return len(p.matches) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(p.matches) {
				o.(*widget.Label).SetText(p.matches[id].name)
			}
		})
	p.list.OnSelected = func(id widget.ListItemID) {
		if id < len(p.matches) {
			p.pick(p.matches[id])
		}
		p.list.UnselectAll()
	}
	p.chosen = widget.NewLabelWithStyle(lang.X("visit.none_chosen", "尚未选择企业"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.msg = widget.NewLabel("")
	p.msg.Importance = widget.DangerImportance
	p.msg.Hide()
	// The matches take room only while there is a choice to make.
	p.listBox = container.NewGridWrap(fyne.NewSize(560, float32(pickerRows)*36), p.list)
	p.listBox.Hide()
	p.content = container.NewVBox(p.search, p.listBox, p.chosen, p.msg)
	return p
}

// find lists the enterprises matching text; a single match is chosen.
func (p *enterprisePicker) find(text string) {
	p.matches = nil
	if text != "" {
		ctx, cancel := context.WithTimeout(p.ctx, queryTimeout)
		defer cancel()
		rows, err := loadEnterpriseRows(ctx, p.svc, text)
		if err != nil {
			slog.Error("enterprise picker search", "err", err)
		}
		if len(rows) > pickerRows*4 {
			rows = rows[:pickerRows*4]
		}
		p.matches = rows
	}
	p.list.Refresh()
	if len(p.matches) > 1 {
		p.listBox.Show()
	} else {
		p.listBox.Hide()
	}
	if len(p.matches) == 1 {
		p.pick(p.matches[0])
	}
}

func (p *enterprisePicker) pick(r enterpriseRow) {
	p.id, p.name = r.id, r.name
	p.chosen.SetText(lang.X("visit.chosen", "已选：{{.Name}}", map[string]any{"Name": r.name}))
	p.msg.Hide()
	p.listBox.Hide()
	if p.onPick != nil {
		p.onPick(r.id)
	}
}

// complain shows a problem with the choice under it.
func (p *enterprisePicker) complain(text string) {
	p.msg.SetText(text)
	p.msg.Show()
}

// reset clears the choice and the search.
func (p *enterprisePicker) reset() {
	p.id, p.name = "", ""
	p.search.SetText("")
	p.chosen.SetText(lang.X("visit.none_chosen", "尚未选择企业"))
	p.msg.Hide()
}
