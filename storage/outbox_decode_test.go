package storage

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// slowChange is what encoding/json makes of an outbox entry.
func slowChange(data []byte) (Change, error) {
	var ch Change
	err := json.Unmarshal(data, &ch)
	return ch, err
}

func TestFastChangeMatchesEncodingJSON(t *testing.T) {
	at := time.Date(2026, 11, 26, 5, 0, 0, 123456789, time.FixedZone("CST", 8*3600))
	entries := []Change{
		{Seq: 1, MutationID: "m1", Kind: "enterprise", RecordID: "r1", Op: OpPut, At: at,
			Fields:   map[string]json.RawMessage{"name": json.RawMessage(`"浙江山海"`), "employees": json.RawMessage(`12`), "tags": json.RawMessage(`["a","b"]`)},
			Versions: map[string]string{"name": "v1", "employees": "v2", "tags": "v3"}, Bases: map[string]string{"name": "v0"}, Author: "alice"},
		{Seq: 2, MutationID: "m2", Kind: "contact", RecordID: "r2", Op: OpDelete, Versions: map[string]string{"_deleted": "v9"}, At: at},
		{Seq: 1 << 60, MutationID: "m3", Kind: "visit", RecordID: "r3", Op: OpPut, At: time.Time{}},
	}
	for _, c := range entries {
		data, err := encodeChange(c)
		if err != nil {
			t.Fatal(err)
		}
		fast, ok := fastChange(data, true)
		if !ok {
			t.Fatalf("fast form refused %s", data)
		}
		slow, err := slowChange(data)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Errorf("%s:\nfast %+v\nslow %+v", data, fast, slow)
		}
	}
	for _, odd := range []string{`{"seq":1,"fields":null}`, `{"seq":1,"Kind":"x"}`, `{"seq":1,"x":1}`, `{"seq":1} x`, `{"seq":"1"}`, `{"seq":1,"fields":{"a":null}}`} {
		if _, ok := fastChange([]byte(odd), true); ok {
			t.Errorf("fast form took %s", odd)
		}
	}
}

// FuzzFastChange checks that the fast outbox decoder, when it takes an
// entry, gives what encoding/json gives.
func FuzzFastChange(f *testing.F) {
	f.Add([]byte(`{"seq":3,"mutation_id":"m","kind":"enterprise","record_id":"r","op":"put","fields":{"a":"\u00e9","b":[1,{"c":2}]},"versions":{"a":"s"},"at":"2026-11-26T05:00:00Z","author":"bob"}`))
	f.Add([]byte(`{"seq":0,"at":"2026-11-26T05:00:00.5+08:00"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, ok := fastChange(data, true)
		if !ok {
			return
		}
		slow, err := slowChange(data)
		if err != nil {
			t.Fatalf("fast took what encoding/json refuses: %s: %v", data, err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("%s:\nfast %+v\nslow %+v", data, fast, slow)
		}
	})
}
