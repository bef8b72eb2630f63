package app

import (
	"encoding/json"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/record"
)

// inputKind says how a form field is typed and turned into JSON.
type inputKind int

const (
	inputText      inputKind = iota // string
	inputMultiline                  // string, several lines
	inputNumber                     // *float64
	inputInt                        // *int
	inputList                       // []string, typed separated by 、 , ，or ;
	inputChoice                     // string from a fixed list
	inputCheck                      // bool
)

// option is one choice of an inputChoice field: the stored value and
// what the user sees.
type option struct{ value, label string }

// fieldSpec describes one field of a form.
type fieldSpec struct {
	name        string // JSON field name
	input       inputKind
	options     []option
	placeholder string
}

// formField is one field on screen: its input, and the message line under
// it that shows the field's problem.
type formField struct {
	fieldSpec
	label  *widget.Label
	entry  *keyEntry
	choice *widget.Select
	check  *widget.Check
	msg    *widget.Label
	row    *fyne.Container
}

// recordForm edits one record: the fields of a kind laid out label beside
// input, each with its validation message, typed values kept as text so a
// draft can hold half-typed numbers.
type recordForm struct {
	kind    record.Kind
	base    record.Record // what is edited: Meta and parent link are kept
	fields  []*formField
	byName  map[string]*formField
	touched map[string]bool
	showAll bool // after a save attempt every problem shows, not only touched fields'
	general *widget.Label
	grid    *fyne.Container
	// onChange runs after each edit, with the form already revalidated.
	onChange func()
	content  fyne.CanvasObject
}

func newRecordForm(base record.Record, specs []fieldSpec, forward func(fyne.Shortcut) bool) *recordForm {
	f := &recordForm{kind: base.Kind(), base: base, byName: map[string]*formField{}, touched: map[string]bool{}}
	grid := container.New(layout.NewFormLayout())
	f.grid = grid
	for _, sp := range specs {
		ff := f.newField(sp, forward)
		f.fields = append(f.fields, ff)
		f.byName[sp.name] = ff
		grid.Add(ff.label)
		grid.Add(ff.row)
	}
	f.general = widget.NewLabel("")
	f.general.Importance = widget.DangerImportance
	f.general.Wrapping = fyne.TextWrapWord
	f.general.Hide()
	f.content = container.NewVBox(grid, f.general)
	f.setRecord(base)
	return f
}

func (f *recordForm) newField(sp fieldSpec, forward func(fyne.Shortcut) bool) *formField {
	ff := &formField{fieldSpec: sp, label: widget.NewLabelWithStyle(fieldLabel(f.kind, sp.name), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})}
	changed := func() { f.changed(sp.name) }
	var input fyne.CanvasObject
	switch sp.input {
	case inputChoice:
		labels := make([]string, len(sp.options))
		for i, o := range sp.options {
			labels[i] = o.label
		}
		ff.choice = widget.NewSelect(labels, func(string) { changed() })
		ff.choice.PlaceHolder = lang.X("form.choose", "（请选择）")
		input = ff.choice
	case inputCheck:
		ff.check = widget.NewCheck(sp.placeholder, func(bool) { changed() })
		input = ff.check
	default:
		if sp.input == inputMultiline {
			ff.entry = newKeyMultiLineEntry(forward)
			ff.entry.SetMinRowsVisible(3)
		} else {
			ff.entry = newKeyEntry(forward)
		}
		ff.entry.SetPlaceHolder(sp.placeholder)
		ff.entry.OnChanged = func(string) { changed() }
		input = ff.entry
	}
	ff.msg = widget.NewLabel("")
	ff.msg.Wrapping = fyne.TextWrapWord
	ff.msg.Hide()
	ff.row = container.NewVBox(input, ff.msg)
	return ff
}

// text returns what the field holds, as typed.
func (ff *formField) text() string {
	switch {
	case ff.choice != nil:
		for _, o := range ff.options {
			if o.label == ff.choice.Selected {
				return o.value
			}
		}
		return ""
	case ff.check != nil:
		if ff.check.Checked {
			return "true"
		}
		return ""
	}
	return ff.entry.Text
}

// setText puts a stored value (or a draft's text) into the field without
// counting it as the user's edit.
func (ff *formField) setText(v string) {
	switch {
	case ff.choice != nil:
		sel := ""
		for _, o := range ff.options {
			if o.value == v {
				sel = o.label
			}
		}
		ff.choice.Selected = sel
		ff.choice.Refresh()
	case ff.check != nil:
		ff.check.Checked = v == "true"
		ff.check.Refresh()
	default:
		ff.entry.Text = v
		ff.entry.Refresh()
	}
}

// values returns every field's text, for a draft.
func (f *recordForm) values() map[string]string {
	m := map[string]string{}
	for _, ff := range f.fields {
		if t := ff.text(); t != "" {
			m[ff.name] = t
		}
	}
	return m
}

// setValues fills the form from a draft.
func (f *recordForm) setValues(m map[string]string) {
	for _, ff := range f.fields {
		ff.setText(m[ff.name])
		if m[ff.name] != "" {
			f.touched[ff.name] = true
		}
	}
	f.validate()
}

// setRecord fills the form from a stored record.
func (f *recordForm) setRecord(rec record.Record) {
	raw := map[string]json.RawMessage{}
	if b, err := json.Marshal(rec); err == nil {
		_ = json.Unmarshal(b, &raw)
	}
	for _, ff := range f.fields {
		ff.setText(jsonText(raw[ff.name]))
	}
}

// jsonText is a JSON value as the form shows it.
func jsonText(v json.RawMessage) string {
	if len(v) == 0 || string(v) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	var list []string
	if json.Unmarshal(v, &list) == nil {
		return strings.Join(list, "、")
	}
	if string(v) == "false" {
		return ""
	}
	return string(v)
}

func (f *recordForm) changed(name string) {
	f.touched[name] = true
	f.validate()
	if f.onChange != nil {
		f.onChange()
	}
}

// record builds the record the form describes, normalised as the store
// would, and the problems of fields whose text is not a value at all
// (a number field holding letters).
func (f *recordForm) record() (record.Record, record.Problems) {
	raw := map[string]json.RawMessage{}
	if b, err := json.Marshal(f.base); err == nil {
		_ = json.Unmarshal(b, &raw)
	}
	var ps record.Problems
	for _, ff := range f.fields {
		v, p, ok := ff.json()
		if !ok {
			ps = append(ps, p)
			continue
		}
		raw[ff.name] = v
	}
	rec := record.New(f.kind)
	b, _ := json.Marshal(raw)
	if err := json.Unmarshal(b, rec); err != nil {
		ps = append(ps, record.Problem{Field: "", Severity: record.Error, Zh: err.Error(), En: err.Error()})
	}
	record.Normalize(rec)
	return rec, ps
}

// json turns the field's text into its JSON value.
func (ff *formField) json() (json.RawMessage, record.Problem, bool) {
	t := strings.TrimSpace(ff.text())
	bad := func(zh, en string) (json.RawMessage, record.Problem, bool) {
		return nil, record.Problem{Field: ff.name, Rule: "not_a_number", Severity: record.Error, Zh: zh, En: en}, false
	}
	switch ff.input {
	case inputNumber, inputInt:
		if t == "" {
			return json.RawMessage("null"), record.Problem{}, true
		}
		if ff.input == inputInt {
			if _, err := strconv.Atoi(t); err != nil {
				return bad(lang.X("form.not_int", "请输入整数"), "not a whole number")
			}
		} else if _, err := strconv.ParseFloat(t, 64); err != nil {
			return bad(lang.X("form.not_number", "请输入数字"), "not a number")
		}
		return json.RawMessage(t), record.Problem{}, true
	case inputList:
		if t == "" {
			return json.RawMessage("null"), record.Problem{}, true
		}
		parts := strings.FieldsFunc(t, func(r rune) bool { return strings.ContainsRune("、,，;；\n", r) })
		b, _ := json.Marshal(parts)
		return b, record.Problem{}, true
	case inputCheck:
		return json.RawMessage(strconv.FormatBool(t == "true")), record.Problem{}, true
	}
	b, _ := json.Marshal(t)
	return b, record.Problem{}, true
}

// validate checks the form's record and shows each problem beside its
// field (touched fields only until the first save attempt). It returns
// the record and every problem.
func (f *recordForm) validate() (record.Record, record.Problems) {
	rec, ps := f.record()
	ps = append(ps, rec.Validate()...)
	f.show(ps)
	return rec, ps
}

// show puts each problem under its field, the first per field; problems
// of fields the form does not have go to the line under the form.
func (f *recordForm) show(ps record.Problems) {
	byField := map[string]record.Problem{}
	var general []string
	for _, p := range ps {
		if _, ok := f.byName[p.Field]; !ok {
			general = append(general, problemText(p))
			continue
		}
		if _, seen := byField[p.Field]; !seen {
			byField[p.Field] = p
		}
	}
	for _, ff := range f.fields {
		p, ok := byField[ff.name]
		if !ok || !(f.showAll || f.touched[ff.name]) {
			ff.msg.Hide()
			continue
		}
		ff.msg.SetText(problemText(p))
		ff.msg.Importance = widget.DangerImportance
		if p.Severity == record.Warning {
			ff.msg.Importance = widget.WarningImportance
		}
		ff.msg.Show()
		ff.msg.Refresh()
	}
	if len(general) > 0 && f.showAll {
		f.general.SetText(strings.Join(general, "\n"))
		f.general.Show()
	} else {
		f.general.Hide()
	}
}

// problemText is a problem in the interface language.
func problemText(p record.Problem) string {
	if englishUI() && p.En != "" {
		return p.En
	}
	return p.Zh
}

// firstError returns the first field with a blocking problem, to focus.
func (f *recordForm) firstError(ps record.Problems) *formField {
	for _, ff := range f.fields {
		for _, p := range ps.Errors() {
			if p.Field == ff.name {
				return ff
			}
		}
	}
	return nil
}

// prepend puts a row that is not a record field (an enterprise picker)
// above the fields, in the same columns.
func (f *recordForm) prepend(label string, obj fyne.CanvasObject) {
	l := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	f.grid.Objects = append([]fyne.CanvasObject{l, obj}, f.grid.Objects...)
	f.grid.Refresh()
}
