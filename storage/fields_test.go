package storage

import (
	"bytes"
	"encoding/json"
	"maps"
	"reflect"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/record"
)

func ptr[T any](v T) *T { return &v }

// TestPresentFieldsMatchesFieldsOf holds the fast create path to the
// definition: the same fields with the same JSON as marshal-and-split.
func TestPresentFieldsMatchesFieldsOf(t *testing.T) {
	tests := []struct {
		name string
		rec  record.Record
	}{
		{"empty enterprise", &record.Enterprise{}},
		{"full enterprise", &record.Enterprise{Name: "A&B <宁波> \"电子\"", Employees: ptr(0), RevenueWan: ptr(12.5),
			Tags: []string{"外资", "专精特新"}, CreditCodeConfirmed: true, Stage: record.StageSigned, Notes: "第一行\n第二行\u2028"}},
		{"empty list and nil pointer", &record.Project{EnterpriseID: "x", Processes: []string{}, Jobs: nil, LandMu: ptr(30.0)}},
		{"task done", &record.Task{Title: "t", Due: "2026-01-01", Done: true}},
		{"raw json fields", &record.Screening{EnterpriseID: "x", Zones: []string{"z"}, Inputs: json.RawMessage(`{ "a" : 1 }`), Results: json.RawMessage(`null`)}},
		{"invalid utf-8", &record.Contact{Name: "\xff\xfe"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := fieldsOf(tt.rec)
			if err != nil {
				t.Fatal(err)
			}
			got, err := presentFields(tt.rec)
			if err != nil {
				t.Fatal(err)
			}
			if !maps.EqualFunc(got, want, func(a, b json.RawMessage) bool { return bytes.Equal(a, b) }) {
				t.Fatalf("presentFields = %s\nfieldsOf      = %s", show(got), show(want))
			}
		})
	}
}

func show(m map[string]json.RawMessage) string {
	data, _ := json.Marshal(m)
	return string(data)
}

func TestEncodeChangeMatchesMarshal(t *testing.T) {
	at := time.Date(2026, 11, 26, 8, 30, 0, 123456789, time.FixedZone("CST", 8*3600))
	tests := []Change{
		{Seq: 1, MutationID: "01JB", Kind: record.KindEnterprise, RecordID: "01JA", Op: OpPut, At: at},
		{Seq: 1 << 60, MutationID: "m", Kind: record.KindContact, RecordID: "r", Op: OpPut,
			Fields:   map[string]json.RawMessage{"name": json.RawMessage(`"王\"芳<>"`), "done": json.RawMessage(`null`), "n": json.RawMessage(`3.5`)},
			Versions: map[string]string{"name": "1795657121670.00000.e9ee", "done": "x"}, At: at, Author: "张三&李四"},
		{Seq: 9, Kind: record.KindTask, RecordID: "r", Op: OpDelete, Versions: map[string]string{DeletedField: "s"}, At: at},
	}
	for _, c := range tests {
		want, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		got, err := encodeChange(c)
		if err != nil {
			t.Fatal(err)
		}
		if !sameChange(t, got, want) {
			t.Errorf("encodeChange = %s\njson.Marshal = %s", got, want)
		}
	}
}

// FuzzPresentFields feeds arbitrary text through both field encoders.
func FuzzPresentFields(f *testing.F) {
	f.Add("浙江四联玩具有限公司", "a<b>&\"\\", "\u2028")
	f.Fuzz(func(t *testing.T, name, notes, addr string) {
		e := &record.Enterprise{Name: name, Notes: notes, Address: addr}
		want, err := fieldsOf(e)
		if err != nil {
			t.Fatal(err)
		}
		got, err := presentFields(e)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.EqualFunc(got, want, func(a, b json.RawMessage) bool { return bytes.Equal(a, b) }) {
			t.Fatalf("presentFields = %s, fieldsOf = %s", show(got), show(want))
		}
		c := Change{Seq: 1, RecordID: name, Kind: record.KindEnterprise, Op: OpPut, Fields: got, Versions: map[string]string{notes: addr}}
		a, _ := json.Marshal(c)
		b, err := encodeChange(c)
		if err != nil || !sameChange(t, a, b) {
			t.Fatalf("encodeChange = %s, %v; json.Marshal = %s", b, err, a)
		}
	})
}

// sameChange reports whether two encodings decode to the same Change.
func sameChange(t *testing.T, a, b []byte) bool {
	t.Helper()
	var ca, cb Change
	if err := json.Unmarshal(a, &ca); err != nil {
		t.Fatalf("decode %s: %v", a, err)
	}
	if err := json.Unmarshal(b, &cb); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	// Field values compare as JSON values, not bytes: encoding/json may
	// escape <, > and & that the fast path copies.
	fa, fb := ca.Fields, cb.Fields
	ca.Fields, cb.Fields = nil, nil
	if !reflect.DeepEqual(ca, cb) || len(fa) != len(fb) {
		return false
	}
	for k, v := range fa {
		var x, y any
		if json.Unmarshal(v, &x) != nil || json.Unmarshal(fb[k], &y) != nil || !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}
