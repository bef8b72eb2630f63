package storage

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// FuzzApplyRemote feeds pulled records with arbitrary field values: a
// value that does not fit its field is left out, never a failed page or
// a panic, and the store stays consistent.
func FuzzApplyRemote(f *testing.F) {
	f.Add("name", `"企业"`, "employees", `12`, "1764144000000.00000.x")
	f.Add("employees", `"many"`, "tags", `{"a":1}`, "1764144000000.00001.y")
	f.Add("stage", `null`, "credit_code", `[1,2]`, "bad stamp")
	s := openTest(f)
	seq := uint64(0)
	f.Fuzz(func(t *testing.T, f1, v1, f2, v2, stamp string) {
		if !json.Valid([]byte(v1)) || !json.Valid([]byte(v2)) {
			return // the server only stores valid JSON
		}
		seq++
		r := protocol.Record{Kind: "enterprise", ID: "01JD00000000000000000FUZZ1", Seq: seq,
			Fields:   map[string]json.RawMessage{f1: json.RawMessage(v1), f2: json.RawMessage(v2)},
			Versions: map[string]string{f1: stamp, f2: stamp}}
		if err := s.ApplyRemote(context.Background(), []protocol.Record{r}, seq); err != nil {
			t.Fatalf("ApplyRemote: %v", err)
		}
	})
}
