package cli

import (
	"encoding/json"
	"flag"
	"reflect"
	"sort"
	"strings"

	"github.com/shanhaifield/shanhai/record"
)

// field is one JSON field of a record struct, found by reflection so that
// flags, CSV columns and JSON keys can never drift from the record types.
type field struct {
	Name  string       // JSON name, e.g. "credit_code"
	Type  reflect.Type // Go type of the struct field
	Index []int        // for reflect.Value.FieldByIndex
	Meta  bool         // belongs to the embedded record.Meta header
}

// Flag is the command-line spelling of the field: '_' written as '-'.
func (f field) Flag() string { return strings.ReplaceAll(f.Name, "_", "-") }

var (
	metaType  = reflect.TypeFor[record.Meta]()
	stageType = reflect.TypeFor[record.Stage]()
)

// fieldsOf lists the JSON fields of a kind in struct order, Meta first.
// It returns nil for an unknown kind.
func fieldsOf(kind record.Kind) []field {
	rec := record.New(kind)
	if rec == nil {
		return nil
	}
	return structFields(reflect.TypeOf(rec).Elem(), nil, false)
}

func structFields(t reflect.Type, prefix []int, meta bool) []field {
	var out []field
	for i := range t.NumField() {
		sf := t.Field(i)
		index := append(append([]int(nil), prefix...), i)
		if sf.Anonymous && sf.Type == metaType {
			out = append(out, structFields(sf.Type, index, true)...)
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if !sf.IsExported() || name == "-" || name == "" {
			continue
		}
		out = append(out, field{Name: name, Type: sf.Type, Index: index, Meta: meta})
	}
	return out
}

// fieldIndex maps kind → JSON name → field for every kind, built once per
// import or export so that per-cell lookups do not repeat the reflection.
type fieldIndex map[record.Kind]map[string]field

func newFieldIndex() fieldIndex {
	ix := fieldIndex{}
	for _, k := range record.Kinds {
		ix[k] = map[string]field{}
		for _, f := range fieldsOf(k) {
			ix[k][f.Name] = f
		}
	}
	return ix
}

// fieldByName finds a field of kind by JSON name.
func fieldByName(kind record.Kind, name string) (field, bool) {
	for _, f := range fieldsOf(kind) {
		if f.Name == name {
			return f, true
		}
	}
	return field{}, false
}

// decodeFields builds a record of kind from JSON field values, decoding
// each field on its own so that every bad field is reported, not just the
// first. Meta fields (id, times, versions) are accepted only when
// allowMeta is set, as on import.
func decodeFields(kind record.Kind, values map[string]json.RawMessage, allowMeta bool) (record.Record, record.Problems) {
	rec := record.New(kind)
	if rec == nil {
		return nil, record.Problems{unknownKindProblem(string(kind))}
	}
	v := reflect.ValueOf(rec).Elem()
	var probs record.Problems
	known := map[string]bool{}
	for _, f := range fieldsOf(kind) {
		known[f.Name] = true
		raw, ok := values[f.Name]
		if !ok {
			continue
		}
		if f.Meta && !allowMeta {
			probs = append(probs, problem(f.Name, "meta_readonly",
				"由系统填写，不能在此指定", "is set by the system and cannot be given here"))
			continue
		}
		if p := decodeField(f, v.FieldByIndex(f.Index), raw); p != nil {
			probs = append(probs, *p)
		}
	}
	for _, name := range sortedKeys(values) {
		if !known[name] {
			probs = append(probs, problem(name, "unknown_field",
				"不是"+kindZh(kind)+"的字段", "is not a field of "+string(kind)))
		}
	}
	return rec, probs
}

// decodeField unmarshals one JSON value into one struct field. A stage may
// be written in Chinese (线索) as well as as its code (lead).
func decodeField(f field, dst reflect.Value, raw json.RawMessage) *record.Problem {
	if f.Type == stageType {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			p := problem(f.Name, "type", "应为文本", "must be a string")
			return &p
		}
		st, p := parseStage(f.Name, s)
		if p != nil {
			return p
		}
		dst.SetString(string(st))
		return nil
	}
	if err := json.Unmarshal(raw, dst.Addr().Interface()); err != nil {
		p := problem(f.Name, "type", "类型不对，应为"+typeZh(f.Type), "must be "+typeEn(f.Type))
		return &p
	}
	return nil
}

// parseStage reads a stage code or Chinese name; empty stays empty.
func parseStage(name, s string) (record.Stage, *record.Problem) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	st, ok := record.ParseStage(s)
	if !ok {
		var zh, en []string
		for _, st := range record.Stages {
			zh = append(zh, st.Chinese())
			en = append(en, string(st))
		}
		p := problem(name, "stage", "未知阶段「"+s+"」，可选："+strings.Join(zh, "、"),
			"unknown stage "+s+"; one of "+strings.Join(en, ", "))
		return "", &p
	}
	return st, nil
}

// problem builds an error-severity record.Problem.
func problem(fieldName, rule, zh, en string) record.Problem {
	return record.Problem{Field: fieldName, Rule: rule, Severity: record.Error, Zh: zh, En: en}
}

func unknownKindProblem(kind string) record.Problem {
	var names []string
	for _, k := range record.Kinds {
		names = append(names, string(k))
	}
	return problem("kind", "kind", "未知记录类型「"+kind+"」，可选："+strings.Join(names, "、"),
		"unknown kind "+kind+"; one of "+strings.Join(names, ", "))
}

var rawType = reflect.TypeFor[json.RawMessage]()

func typeZh(t reflect.Type) string {
	switch {
	case t == rawType:
		return "JSON"
	case t.Kind() == reflect.Bool:
		return "是/否"
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Int:
		return "整数"
	case t.Kind() == reflect.Pointer:
		return "数字"
	case t.Kind() == reflect.Slice:
		return "文本列表"
	case t.Kind() == reflect.Map:
		return "对象"
	}
	return "文本"
}

func typeEn(t reflect.Type) string {
	switch {
	case t == rawType:
		return "JSON"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Int:
		return "an integer"
	case t.Kind() == reflect.Pointer:
		return "a number"
	case t.Kind() == reflect.Slice:
		return "a list of strings"
	case t.Kind() == reflect.Map:
		return "an object"
	}
	return "a string"
}

// flagAliases are the short flag names the field staff use (from the
// issue), alias → JSON field; each is bound only for kinds that have that
// field.
func flagAliases() map[string]string {
	return map[string]string{
		"industry":   "industry_code",
		"region":     "region_code",
		"enterprise": "enterprise_id",
		"zone":       "zone_id",
	}
}

// fieldFlags collects the field flags given on one command line. Flag
// values are kept as typed and converted after parsing, so that every bad
// value is reported together instead of stopping at the first.
type fieldFlags struct {
	kind   record.Kind
	fields []field
	typed  map[string]string // JSON name → text as typed
}

// bindFieldFlags defines one flag per non-Meta field of kind on fs, plus
// the short aliases.
func bindFieldFlags(fs *flag.FlagSet, kind record.Kind) *fieldFlags {
	ff := &fieldFlags{kind: kind, typed: map[string]string{}}
	for _, f := range fieldsOf(kind) {
		if f.Meta {
			continue
		}
		ff.fields = append(ff.fields, f)
		fs.Var(&fieldValue{ff: ff, f: f}, f.Flag(), flagUsage(kind, f))
	}
	aliases := flagAliases()
	for _, alias := range sortedKeys(aliases) {
		f, ok := fieldByName(kind, aliases[alias])
		if ok && fs.Lookup(alias) == nil {
			fs.Var(&fieldValue{ff: ff, f: f}, alias, "= --"+f.Flag())
		}
	}
	return ff
}

// Given reports whether any field flag was set.
func (ff *fieldFlags) Given() bool { return len(ff.typed) > 0 }

// Values converts the typed flags to JSON field values, reporting every
// value that does not fit its field.
func (ff *fieldFlags) Values() (map[string]json.RawMessage, record.Problems) {
	out := map[string]json.RawMessage{}
	var probs record.Problems
	for _, f := range ff.fields {
		text, ok := ff.typed[f.Name]
		if !ok {
			continue
		}
		raw, p := parseText(f, strings.TrimSpace(text))
		if p != nil {
			probs = append(probs, *p)
			continue
		}
		out[f.Name] = raw
	}
	return out, probs
}

// fieldValue is the flag.Value of one field flag.
type fieldValue struct {
	ff *fieldFlags
	f  field
}

// String implements flag.Value.
func (v *fieldValue) String() string {
	if v == nil || v.ff == nil {
		return ""
	}
	return v.ff.typed[v.f.Name]
}

// Set implements flag.Value; conversion happens later in Values.
func (v *fieldValue) Set(s string) error {
	v.ff.typed[v.f.Name] = s
	return nil
}

// IsBoolFlag lets "--done" stand alone for a bool field.
func (v *fieldValue) IsBoolFlag() bool { return v.f.Type.Kind() == reflect.Bool }

func flagUsage(kind record.Kind, f field) string {
	zh, en := fieldLabel(kind, f.Name)
	hint := typeEn(f.Type)
	switch {
	case f.Type == stageType:
		var names []string
		for _, st := range record.Stages {
			names = append(names, st.Chinese()+"/"+string(st))
		}
		hint = strings.Join(names, ", ")
	case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String:
		hint = "a,b 或 a、b"
	}
	return zh + " / " + en + " (" + hint + ")"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
