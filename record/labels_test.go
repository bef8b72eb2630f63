package record

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
)

// jsonFields lists the JSON field names of a record type, header included.
func jsonFields(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			out = append(out, jsonFields(f.Type)...)
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

func TestFieldLabelCoversEveryField(t *testing.T) {
	for _, k := range Kinds {
		rec := New(k)
		if rec == nil {
			t.Fatalf("New(%q) = nil", k)
		}
		fields := jsonFields(reflect.TypeOf(rec).Elem())
		seen := map[string]bool{}
		for _, f := range fields {
			seen[f] = true
			_, inKind := kindLabels[k][f]
			_, inMeta := metaLabels[f]
			zh, en := FieldLabel(k, f)
			if !inKind && !inMeta || zh == "" || en == "" {
				t.Errorf("FieldLabel(%s, %s) = %q, %q: not labelled", k, f, zh, en)
			}
			if !strings.ContainsFunc(zh, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				t.Errorf("FieldLabel(%s, %s) zh = %q has no Chinese", k, f, zh)
			}
		}
		for f := range kindLabels[k] {
			if !seen[f] {
				t.Errorf("label for %s.%s names no field of the record", k, f)
			}
		}
	}
	for f := range metaLabels {
		if !strings.Contains(strings.Join(jsonFields(reflect.TypeOf(Meta{})), ","), f) {
			t.Errorf("meta label %s names no Meta field", f)
		}
	}
}

func TestFieldLabelExamples(t *testing.T) {
	tests := []struct {
		kind          Kind
		field, zh, en string
	}{
		{KindEnterprise, "name", "企业名称", "name"},
		{KindEnterprise, "credit_code", "统一社会信用代码", "credit code"},
		{KindEnterprise, "industry_code", "所属行业", "industry code"},
		{KindEnterprise, "region_code", "行政区划代码", "region code"},
		{KindContact, "name", "姓名", "name"},
		{KindContact, "mobile", "手机号码", "mobile"},
		{KindContact, "email", "电子邮箱", "email"},
		{KindVisit, "date", "走访日期", "visit date"},
		{KindTask, "id", "编号", "id"},
		{KindTask, "no_such_field", "no_such_field", "no_such_field"},
		{"no_such_kind", "name", "name", "name"},
	}
	for _, tt := range tests {
		zh, en := FieldLabel(tt.kind, tt.field)
		if zh != tt.zh || en != tt.en {
			t.Errorf("FieldLabel(%s, %s) = %q, %q; want %q, %q", tt.kind, tt.field, zh, en, tt.zh, tt.en)
		}
	}
}
