package storage

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// FuzzPulledTombstonesAndResets drives pulled records that share credit
// codes, tombstones with restore offers, resolves and re-downloads in
// random order: no call may fail on input the server can send, and the
// store stays consistent (Doctor) throughout.
func FuzzPulledTombstonesAndResets(f *testing.F) {
	f.Add(uint8(0), false, "credit_code", `"91330106146284376K"`, "1764144000000.00000.x", uint8(0))
	f.Add(uint8(1), true, "notes", `"补记"`, "1764144000000.00001.y", uint8(1))
	f.Add(uint8(2), false, "name", `"乙"`, "1764144000000.00002.z", uint8(2))
	f.Add(uint8(1), false, "credit_code", `"91330106146284376K"`, "1764144000000.00003.x", uint8(3))
	s := openTest(f)
	ids := []string{"01JD0000000000000000000001", "01JD0000000000000000000002", "01JD0000000000000000000003"}
	seq := uint64(0)
	f.Fuzz(func(t *testing.T, which uint8, deleted bool, field, value, stamp string, action uint8) {
		if !json.Valid([]byte(value)) {
			return // the server only stores valid JSON
		}
		ctx := context.Background()
		seq++
		id := ids[int(which)%len(ids)]
		r := protocol.Record{Kind: "enterprise", ID: id, Seq: seq,
			Fields:   map[string]json.RawMessage{field: json.RawMessage(value), "name": json.RawMessage(`"甲"`)},
			Versions: map[string]string{field: stamp, "name": "1764000000000.00000.a"}}
		if deleted {
			r.Deleted = "1764100000000.00000.a"
			r.Conflicts = []protocol.Conflict{{ID: id + "/" + field + "/" + stamp + "/restore", Kind: "enterprise", RecordID: id,
				Field: field, Value: json.RawMessage(value), Version: stamp, Reason: protocol.ReasonAfterDelete}}
		}
		if err := s.ApplyRemote(ctx, []protocol.Record{r}, seq); err != nil {
			t.Fatalf("ApplyRemote: %v", err)
		}
		switch action % 5 {
		case 1:
			if err := s.BeginReset(ctx); err != nil {
				t.Fatal(err)
			}
		case 2:
			if _, err := s.FinishReset(ctx); err != nil {
				t.Fatal(err)
			}
		case 3, 4:
			cs, err := s.Conflicts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			keep := KeepMine
			if action%5 == 4 {
				keep = KeepTheirs
			}
			for _, c := range cs {
				_ = s.Resolve(ctx, c.ID, keep) // a value that fails validation may be refused; never a panic
				break
			}
		}
		if issues, err := s.Doctor(ctx); err != nil || len(issues) != 0 {
			t.Fatalf("Doctor: %+v, %v", issues, err)
		}
	})
}
