package client

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// appendPush writes req as a push does: appendPushHead, each change by
// appendChange, then the end.
func appendPush(b []byte, req protocol.PushRequest) ([]byte, error) {
	b = appendPushHead(b, req.ClientID, req.BatchID, req.After)
	var err error
	for i, c := range req.Changes {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = appendChange(b, c); err != nil {
			return nil, err
		}
	}
	return append(b, "]}\n"...), nil
}

// samePush checks that appendPush writes what encoding/json writes, as
// the server decodes it.
func samePush(t *testing.T, req protocol.PushRequest) {
	t.Helper()
	if req.Changes == nil {
		req.Changes = []protocol.Change{} // a push never sends null
	}
	mine, err := appendPush(nil, req)
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(req)
	if err != nil {
		t.Skip("encoding/json refuses it too:", err)
	}
	var a, b any
	if err := json.Unmarshal(mine, &a); err != nil {
		t.Fatalf("appendPush wrote invalid JSON %q: %v", mine, err)
	}
	if err := json.Unmarshal(want, &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("appendPush:\n%s\nencoding/json:\n%s", mine, want)
	}
}

func TestAppendPushMatchesEncodingJSON(t *testing.T) {
	at := time.Date(2026, 11, 26, 3, 4, 5, 6, time.FixedZone("CST", 8*3600))
	tests := []struct {
		name string
		req  protocol.PushRequest
	}{
		{"empty batch", protocol.PushRequest{ClientID: "c1"}},
		{"pipelined", protocol.PushRequest{ClientID: "c1", BatchID: "c1-9", After: "m8", Changes: []protocol.Change{{
			ClientSeq: 9, MutationID: "m9", Kind: "enterprise", RecordID: "01J", Op: protocol.OpPut}}}},
		{"put", protocol.PushRequest{ClientID: "c1", BatchID: "c1-1", Changes: []protocol.Change{{
			ClientSeq: 7, MutationID: "m1", Kind: "enterprise", RecordID: "01J", Op: protocol.OpPut,
			Fields:   map[string]json.RawMessage{"name": json.RawMessage(`"浙江山海"`), "employees": json.RawMessage(`12`), "tags": json.RawMessage(`["a","b"]`), "gone": nil},
			Versions: map[string]string{"name": "0001", "employees": "0002"}, Bases: map[string]string{"name": "0000"},
			At: at, Author: "王芳"}}}},
		{"delete without seq", protocol.PushRequest{ClientID: "c1", Changes: []protocol.Change{{
			MutationID: "m2", Kind: "contact", RecordID: "01K", Op: protocol.OpDelete,
			Versions: map[string]string{protocol.DeletedKey: "0003"}}}}},
		{"strings needing escapes", protocol.PushRequest{ClientID: "c\"1\\", Changes: []protocol.Change{{
			MutationID: "m\n3", Kind: "<kind>&", RecordID: "id\u2028x\u2029", Op: protocol.OpPut,
			Fields:   map[string]json.RawMessage{"a\tb": json.RawMessage(`"<b>&amp;"`)},
			Versions: map[string]string{"a\tb": "\x01"}, Author: "bad \xff utf8"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { samePush(t, tt.req) })
	}
}

func FuzzAppendPush(f *testing.F) {
	f.Add("c1", "m1", "enterprise", "01J", "name", `"浙江"`, "0001", "王芳")
	f.Add("\x00", "\u2028", "<>&", "\"", "\\", `{"a":[1,2]}`, "\xff", "")
	f.Fuzz(func(t *testing.T, client, mutation, kind, id, field, value, version, author string) {
		if !json.Valid([]byte(value)) {
			value = "null" // the outbox only ever holds valid values
		}
		samePush(t, protocol.PushRequest{ClientID: client, Changes: []protocol.Change{{
			ClientSeq: 1, MutationID: mutation, Kind: kind, RecordID: id, Op: protocol.OpPut,
			Fields: map[string]json.RawMessage{field: json.RawMessage(value)}, Versions: map[string]string{field: version},
			Author: author}}})
	})
}
