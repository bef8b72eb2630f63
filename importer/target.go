package importer

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/shanhaifield/shanhai/record"
)

// Target is the record field a column fills, e.g. {enterprise, name}.
type Target struct {
	Kind  record.Kind
	Field string
}

// String gives the target as mapping files write it: "enterprise.name".
func (t Target) String() string { return string(t.Kind) + "." + t.Field }

// Label names the target for users: "企业 企业名称 (enterprise.name)",
// "联系人 姓名 (contact.name)".
func (t Target) Label() string {
	zh, _ := record.FieldLabel(t.Kind, t.Field)
	return kindNames[t.Kind] + " " + zh + " (" + t.String() + ")"
}

// kindNames are the Chinese names of the kinds a row fills.
var kindNames = map[record.Kind]string{
	record.KindEnterprise: "企业", record.KindContact: "联系人", record.KindProject: "项目",
}

// importKinds are the kinds a row of a foreign sheet fills: the
// enterprise, one contact and one project.
var importKinds = []record.Kind{record.KindEnterprise, record.KindContact, record.KindProject}

// ParseTarget reads "kind.field" and checks that the field can be
// imported.
func ParseTarget(s string) (Target, error) {
	k, f, ok := strings.Cut(strings.TrimSpace(s), ".")
	t := Target{Kind: record.Kind(k), Field: f}
	if !ok {
		return t, fmt.Errorf("target %q: want kind.field, e.g. enterprise.name (应为 类型.字段)", s)
	}
	if _, ok := targetTypes()[t]; !ok {
		return t, fmt.Errorf("target %q: not an importable field (不是可导入的字段)", s)
	}
	return t, nil
}

// importable lists every importable field with its Go type, kind by kind
// in struct order: the user fields of the import kinds, without the parent
// link that the import sets itself. Computed once, read only.
var importable = sync.OnceValue(func() []importField {
	var out []importField
	for _, k := range importKinds {
		t := reflect.TypeOf(record.New(k)).Elem()
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Anonymous || !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" || name == "enterprise_id" {
				continue
			}
			out = append(out, importField{Target{k, name}, f.Type})
		}
	}
	return out
})

// importField is one importable field and its Go type.
type importField struct {
	target Target
	typ    reflect.Type
}

// targetTypes maps every importable field to its Go type.
var targetTypes = sync.OnceValue(func() map[Target]reflect.Type {
	out := map[Target]reflect.Type{}
	for _, f := range importable() {
		out[f.target] = f.typ
	}
	return out
})

// Targets lists every field a column can be mapped to, kind by kind in
// struct order: the choices a mapping editor offers.
func Targets() []Target {
	fields := importable()
	out := make([]Target, len(fields))
	for i, f := range fields {
		out[i] = f.target
	}
	return out
}
