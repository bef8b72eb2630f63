package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/importer"
	"github.com/shanhaifield/shanhai/record"
)

// importKindName names a kind in the mapping's choices.
func importKindName(k record.Kind) string {
	switch k {
	case record.KindEnterprise:
		return lang.X("import.kind.enterprise", "企业")
	case record.KindContact:
		return lang.X("import.kind.contact", "联系人")
	case record.KindProject:
		return lang.X("import.kind.project", "项目")
	}
	return string(k)
}

// targetChoices returns the Select options in order, the first being
// 不导入, and each option's mapping value ("" for 不导入).
func targetChoices() ([]string, map[string]string) {
	ignore := lang.X("import.ignore", "不导入")
	opts := []string{ignore}
	value := map[string]string{ignore: ""}
	for _, t := range importer.Targets() {
		zh, en := record.FieldLabel(t.Kind, t.Field)
		if englishUI() {
			zh = en
		}
		label := importKindName(t.Kind) + " · " + zh
		if _, dup := value[label]; dup {
			label += " (" + t.String() + ")"
		}
		opts = append(opts, label)
		value[label] = t.String()
	}
	return opts, value
}

// showImportMapping lets the user choose the sheets to import and correct
// each column's field; 应用 closes the dry run (closePlan) and plans again.
func (u *UI) showImportMapping(sess *importSession, plan *importer.Plan, closePlan func()) {
	opts, value := targetChoices()
	label := map[string]string{}
	for l, v := range value {
		label[v] = l
	}
	current := importer.MappingOf(plan.Sheets)
	if sess.mapping != nil {
		for h, v := range sess.mapping.Columns {
			current.Columns[h] = v
		}
	}
	body := container.NewVBox()
	checks := make([]*widget.Check, len(sess.tables))
	if len(sess.tables) > 1 {
		body.Add(widget.NewLabelWithStyle(lang.X("import.sheets", "导入的工作表："), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for i, t := range sess.tables {
			checks[i] = widget.NewCheck(t.Sheet, nil)
			checks[i].SetChecked(sess.use[i])
			body.Add(checks[i])
		}
	}
	selects := map[string]*widget.Select{}
	form := container.New(layout.NewFormLayout())
	for _, s := range plan.Sheets {
		for _, c := range s.Columns {
			if _, seen := selects[c.Header]; seen || c.Header == "" {
				continue
			}
			sel := widget.NewSelect(opts, nil)
			sel.SetSelected(label[current.Columns[c.Header]])
			selects[c.Header] = sel
			form.Add(widget.NewLabel(c.Header))
			form.Add(sel)
		}
	}
	if len(selects) > 0 {
		body.Add(widget.NewLabelWithStyle(lang.X("import.columns", "列对应的字段："), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		body.Add(form)
	}
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(480, 360))
	d := dialog.NewCustomConfirm(lang.X("import.adjust_title", "调整列对应"), lang.X("import.apply", "应用"), lang.X("import.cancel", "取消"), scroll, func(ok bool) {
		if !ok {
			return
		}
		m := &importer.Mapping{Columns: current.Columns}
		for h, sel := range selects {
			m.Columns[h] = value[sel.Selected]
		}
		for i, c := range checks {
			if c != nil {
				sess.use[i] = c.Checked
			}
		}
		sess.mapping = m
		closePlan()
		u.prepareImport(sess, nil)
	}, u.window)
	u.trackDialog(d)
	d.Show()
}
