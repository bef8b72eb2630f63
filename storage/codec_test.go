package storage

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

func TestChangedFields(t *testing.T) {
	tests := []struct {
		name     string
		old, cur record.Record
		want     []string
	}{
		{"same", &record.Enterprise{Name: "甲"}, &record.Enterprise{Name: "甲"}, nil},
		{"meta is not a field", &record.Enterprise{Name: "甲", Meta: record.Meta{Author: "a"}}, &record.Enterprise{Name: "甲", Meta: record.Meta{Author: "b"}}, nil},
		{"empty list equals none", &record.Enterprise{Name: "甲", Tags: []string{}}, &record.Enterprise{Name: "甲"}, nil},
		{"zero is a value", &record.Enterprise{Name: "甲"}, &record.Enterprise{Name: "甲", Employees: ptr(0)}, []string{"employees"}},
		{"set, cleared and changed", &record.Enterprise{Name: "甲", Notes: "n"}, &record.Enterprise{Name: "乙", Address: "a"}, []string{"address", "name", "notes"}},
		{"bool cleared", &record.Task{Done: true}, &record.Task{}, []string{"done"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := fieldsOf(tt.old)
			if err != nil {
				t.Fatal(err)
			}
			b, err := fieldsOf(tt.cur)
			if err != nil {
				t.Fatal(err)
			}
			if got := changedFields(a, b); !slices.Equal(got, tt.want) {
				t.Fatalf("changedFields = %v, want %v", got, tt.want)
			}
		})
	}
}

// FuzzApplyPatch: any field name and any bytes as its value either patch
// cleanly into a record that encodes, or fail with an error; never panic.
func FuzzApplyPatch(f *testing.F) {
	f.Add("name", []byte(`"新名字"`))
	f.Add("employees", []byte(`12`))
	f.Add("tags", []byte(`["a",1]`))
	f.Add("versions", []byte(`{}`))
	f.Add("stage", []byte(`{`))
	base := &record.Enterprise{Meta: record.Meta{ID: "01JB0000000000000000000001", Versions: map[string]string{"name": "s"}}, Name: "甲"}
	f.Fuzz(func(t *testing.T, field string, value []byte) {
		got, err := applyPatch(base, map[string]json.RawMessage{field: value})
		if err != nil {
			if !fieldNames(record.KindEnterprise)[field] && !errors.Is(err, ErrUnknownField) {
				t.Fatalf("unknown field %q: error %v does not wrap ErrUnknownField", field, err)
			}
			return
		}
		if got.Header().ID != base.ID || got.Header().Versions["name"] != "s" {
			t.Fatalf("patch of %q changed meta: %+v", field, got.Header())
		}
		if _, err := encodeRecord(got); err != nil {
			t.Fatalf("patched record does not encode: %v", err)
		}
	})
}
