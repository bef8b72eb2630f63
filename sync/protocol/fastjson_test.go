package protocol

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// sameAsEncodingJSON checks that the fast path, when it takes a body,
// decodes it exactly as encoding/json does.
func sameAsEncodingJSON(t *testing.T, body []byte) (fast bool) {
	t.Helper()
	got, ok := FastPush(body)
	if !ok {
		return false
	}
	var want PushRequest
	if err := json.NewDecoder(bytes.NewReader(body)).Decode(&want); err != nil {
		t.Fatalf("fast path took %q, encoding/json refuses it: %v", body, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("body %q:\nfast path     %+v\nencoding/json %+v", body, got, want)
	}
	return true
}

func TestFastPushDecode(t *testing.T) {
	tests := []struct {
		name string
		body string
		fast bool
	}{
		{"client form", `{"client_id":"c1","batch_id":"c1-1","changes":[{"seq":3,"mutation_id":"m1","kind":"enterprise","record_id":"01J","op":"put","fields":{"name":"浙江山海","employees":12,"revenue":-1.5e3,"tags":["a","b\"c"],"ok":true,"x":{"a":[1,{"b":"}"}]}},"versions":{"name":"0001"},"bases":{"name":"0000"},"at":"2026-11-26T03:04:05.000000006+08:00","author":"王芳"}]}` + "\n", true},
		{"pipelined", `{"client_id":"c1","batch_id":"c1-9","after":"m8","changes":[{"seq":9,"mutation_id":"m9","kind":"k","record_id":"r","op":"put"}]}`, true},
		{"spaces", " { \"client_id\" : \"c1\" , \"changes\" : [ ] } ", true},
		{"escaped field value", `{"client_id":"c1","changes":[{"mutation_id":"m","kind":"k","record_id":"r","op":"put","fields":{"notes":"line\nnext \u4e2d"}}]}`, true},
		{"repeated field key", `{"client_id":"c1","changes":[{"mutation_id":"m","kind":"k","record_id":"r","op":"put","fields":{"a":1,"a":2}}]}`, true},
		{"escaped id", `{"client_id":"c\u0031","changes":[]}`, false},
		{"unknown key", `{"client_id":"c1","changes":[],"extra":1}`, false},
		{"other case key", `{"Client_ID":"c1","changes":[]}`, false},
		{"repeated key", `{"client_id":"c1","client_id":"c2","changes":[]}`, false},
		{"null changes", `{"client_id":"c1","changes":null}`, false},
		{"null field value", `{"client_id":"c1","changes":[{"mutation_id":"m","kind":"k","record_id":"r","op":"put","fields":{"a":null}}]}`, false},
		{"negative seq", `{"client_id":"c1","changes":[{"seq":-1,"mutation_id":"m"}]}`, false},
		{"float seq", `{"client_id":"c1","changes":[{"seq":1.5,"mutation_id":"m"}]}`, false},
		{"bad value", `{"client_id":"c1","changes":[{"mutation_id":"m","fields":{"a":tru}}]}`, false},
		{"bad number", `{"client_id":"c1","changes":[{"mutation_id":"m","fields":{"a":01}}]}`, false},
		{"bad nested", `{"client_id":"c1","changes":[{"mutation_id":"m","fields":{"a":[1,]}}]}`, false},
		{"unterminated", `{"client_id":"c1","changes":[{"mutation_id":"m"`, false},
		{"invalid utf8", "{\"client_id\":\"c\xff\",\"changes\":[]}", false},
		{"control char", "{\"client_id\":\"c\x01\",\"changes\":[]}", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sameAsEncodingJSON(t, []byte(tt.body)); got != tt.fast {
				t.Errorf("fast path taken = %v, want %v", got, tt.fast)
			}
		})
	}
}

func FuzzFastPushDecode(f *testing.F) {
	f.Add([]byte(`{"client_id":"c1","changes":[{"seq":3,"mutation_id":"m1","kind":"enterprise","record_id":"01J","op":"put","fields":{"name":"浙江","n":1,"t":["a"]},"versions":{"name":"0001"},"at":"2026-11-26T03:04:05Z"}]}`))
	f.Add([]byte(`{"client_id":"c1","changes":[{"fields":{"a":{"b":[1,"\"]"]}}}]}`))
	f.Add([]byte(`{"client_id":"c1","changes":[{"fields":{"a":-0.5e-3,"b":false}}]}`))
	f.Add([]byte(`{"client_id":"c1","batch_id":"c1-9","after":"m8","changes":[{"seq":9,"mutation_id":"m9"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		sameAsEncodingJSON(t, body)
	})
}

// samePull checks that FastPull, when it takes a page, decodes it
// exactly as encoding/json does.
func samePull(t *testing.T, body []byte) (fast bool) {
	t.Helper()
	got, ok := FastPull(body)
	if !ok {
		return false
	}
	var want PullResponse
	if err := json.Unmarshal(body, &want); err != nil {
		t.Fatalf("fast path took %q, encoding/json refuses it: %v", body, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("body %q:\nfast path     %+v\nencoding/json %+v", body, got, want)
	}
	return true
}

func TestFastPullDecode(t *testing.T) {
	tests := []struct {
		name string
		body string
		fast bool
	}{
		{"server form", `{"records":[{"kind":"enterprise","id":"01J","seq":7,"zones":["zone-a"],"fields":{"name":"浙江","n":1.5,"tags":["a"]},"versions":{"name":"0001","n":"0002"}},{"kind":"contact","id":"01K","seq":8,"deleted":"0003"},{"kind":"visit","id":"01L","seq":9,"removed":true}],"next_cursor":9,"has_more":true,"server_time":1764000000000}` + "\n", true},
		{"empty page", `{"records":[],"next_cursor":0,"has_more":false,"server_time":0}`, true},
		{"author and erase", `{"records":[{"kind":"contact","id":"01M","seq":10,"versions":{},"deleted":"0004","erased":"0004","author":"mia"},{"kind":"enterprise","id":"01N","seq":11,"fields":{"name":"甲"},"versions":{"name":"0005"},"author":"alice"}],"next_cursor":11,"has_more":false,"server_time":1}`, true},
		{"conflicts", `{"records":[{"kind":"k","id":"i","seq":1,"conflicts":[{"id":"c"}]}],"next_cursor":1,"has_more":false,"server_time":1}`, false},
		{"null records", `{"records":null,"next_cursor":1}`, false},
		{"negative time", `{"records":[],"server_time":-1}`, false},
		{"bad bool", `{"records":[],"has_more":tru}`, false},
		{"trailing comma", `{"records":[{"kind":"k",}]}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := samePull(t, []byte(tt.body)); got != tt.fast {
				t.Errorf("fast path taken = %v, want %v", got, tt.fast)
			}
		})
	}
}

func FuzzFastPullDecode(f *testing.F) {
	f.Add([]byte(`{"records":[{"kind":"enterprise","id":"01J","seq":7,"zones":["zone-a"],"fields":{"name":"浙江","n":1},"versions":{"name":"0001"}}],"next_cursor":7,"has_more":false,"server_time":1764000000000}`))
	f.Add([]byte(`{"records":[{"kind":"k","id":"i","seq":1,"deleted":"x","removed":false}],"has_more":true}`))
	f.Add([]byte(`{"records":[{"kind":"k","id":"i","seq":1,"erased":"x","author":"张三"}],"has_more":false}`))
	f.Fuzz(func(t *testing.T, body []byte) { samePull(t, body) })
}
