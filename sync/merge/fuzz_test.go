package merge

import (
	"encoding/json"
	"testing"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// FuzzApply feeds arbitrary pushed changes to Apply on top of a record
// with history: it must never panic, and an accepted change must leave a
// state whose fields all carry parseable stamps.
func FuzzApply(f *testing.F) {
	f.Add([]byte(`{"mutation_id":"m","kind":"enterprise","record_id":"r","op":"put","fields":{"name":"\"x\""},"versions":{"name":"0000000000002.00000.b"},"bases":{"name":"0000000000001.00000.a"}}`))
	f.Add([]byte(`{"kind":"enterprise","record_id":"r","op":"delete","versions":{"_deleted":"0000000000003.00000.c"}}`))
	f.Add([]byte(`{"kind":"enterprise","record_id":"r","op":"restore","versions":{"_restored":"9999999999999.99999.z"}}`))
	f.Add([]byte(`{"kind":"enterprise","record_id":"r","op":"put","fields":{"n":[1,2,{"a":null}]},"versions":{"n":"1.2.3"}}`))
	base, err := Apply(State{}, put("r", "name", `"甲"`, st(1, 0, "a")), Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var ch protocol.Change
		if json.Unmarshal(data, &ch) != nil {
			return
		}
		r, err := Apply(base.State, ch, Options{MaxWall: 5e12})
		if err != nil {
			return
		}
		for name, fl := range r.State.Fields {
			if compareText(fl.Version, "") <= 0 || !json.Valid(fl.Value) {
				t.Fatalf("field %s left with version %q value %q", name, fl.Version, fl.Value)
			}
		}
		_ = r.State.Conflicts()
	})
}
