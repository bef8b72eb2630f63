package storage

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/record"
)

// slowRecord is what buildRecord decoded before fastRecord: the stored
// JSON through encoding/json.
func slowRecord(t *testing.T, kind record.Kind, m remoteMeta, fields map[string]json.RawMessage) (record.Record, error) {
	t.Helper()
	data, err := recordJSON(m, fields)
	if err != nil {
		return nil, err
	}
	return decodeRecord(kind, data)
}

func fastMeta() remoteMeta {
	return remoteMeta{id: "01JD00000000000000000FAST1", versions: map[string]string{"name": "1764144000000.00000.a"},
		created: time.UnixMilli(1764144000000).UTC(), updated: time.UnixMilli(1764144000123).UTC(), author: "alice"}
}

func TestFastRecord(t *testing.T) {
	tests := []struct {
		name   string
		kind   record.Kind
		fields map[string]string
		fast   bool // decoded without encoding/json for the whole record
	}{
		{"plain enterprise", record.KindEnterprise, map[string]string{"name": `"浙江山海"`, "employees": `12`,
			"revenue_wan": `3.5e2`, "tags": `["a","链主"]`, "stage": `"visited"`, "credit_code_confirmed": `true`}, true},
		{"escaped string", record.KindEnterprise, map[string]string{"name": `"a\"b\u00e9"`}, true},
		{"spaces in a list", record.KindEnterprise, map[string]string{"tags": `[ "a" , "b" ]`}, true},
		{"nested value", record.KindScreening, map[string]string{"inputs": `{"land_mu":3}`}, true},
		{"nested value with spaces", record.KindScreening, map[string]string{"inputs": ` { "a" : [1, 2] } `}, true},
		{"fraction for an int", record.KindEnterprise, map[string]string{"employees": `1.5`}, false},
		{"string for an int", record.KindEnterprise, map[string]string{"employees": `"12"`}, false},
		{"int overflow", record.KindEnterprise, map[string]string{"employees": `99999999999999999999`}, false},
		{"number for a string", record.KindEnterprise, map[string]string{"name": `12`}, false},
		{"key in another case", record.KindEnterprise, map[string]string{"Name": `"x"`}, false},
		{"unknown key", record.KindEnterprise, map[string]string{"colour": `"red"`}, false},
		{"meta key and empty values, left out", record.KindEnterprise, map[string]string{"id": `"other"`,
			"versions": `{"a":"b"}`, "name": `""`, "tags": `[]`, "notes": "null"}, true},
		{"invalid UTF-8", record.KindEnterprise, map[string]string{"name": "\"a\xffb\""}, true},
		{"plus sign", record.KindEnterprise, map[string]string{"employees": `+1`}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields := map[string]json.RawMessage{}
			for k, v := range tt.fields {
				fields[k] = json.RawMessage(v)
			}
			m := fastMeta()
			got, ok := fastRecord(tt.kind, m, fields)
			if ok != tt.fast {
				t.Fatalf("fastRecord ok = %v, want %v", ok, tt.fast)
			}
			if !ok {
				return
			}
			want, err := slowRecord(t, tt.kind, m, fields)
			if err != nil {
				t.Fatalf("fast path took a record encoding/json refuses: %v", err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("fast %+v\nslow %+v", got, want)
			}
		})
	}
}

// FuzzFastRecord checks that fastRecord, where it answers, gives what
// encoding/json gives for the stored JSON.
func FuzzFastRecord(f *testing.F) {
	f.Add(0, "name", `"企业"`, "employees", `12`, "1764144000000.00000.x")
	f.Add(0, "tags", `["a","b"]`, "revenue_wan", `-0.5E+3`, "s")
	f.Add(1, "name", `"张三"`, "mobile", `"13800000000"`, "s")
	f.Add(5, "inputs", `{"land_mu":1}`, "results", `[]`, "s")
	f.Add(0, "stage", "\"\xff\"", "credit_code_confirmed", `true`, "\xff")
	f.Fuzz(func(t *testing.T, k int, f1, v1, f2, v2, stamp string) {
		kind := record.Kinds[uint(k)%uint(len(record.Kinds))]
		fields := map[string]json.RawMessage{f1: json.RawMessage(v1), f2: json.RawMessage(v2)}
		m := fastMeta()
		m.versions = map[string]string{f1: stamp, f2: stamp}
		got, ok := fastRecord(kind, m, fields)
		if !ok {
			return
		}
		want, err := slowRecord(t, kind, m, fields)
		if err != nil {
			t.Fatalf("fast path took %q=%q %q=%q, encoding/json refuses: %v", f1, v1, f2, v2, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q=%q %q=%q:\nfast %+v\nslow %+v", f1, v1, f2, v2, got, want)
		}
	})
}
