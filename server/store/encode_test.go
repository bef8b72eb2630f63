package store

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/shanhaifield/shanhai/sync/merge"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// randomRecord builds records with awkward strings: quotes, control
// characters, HTML, CJK, invalid UTF-8 and line separators.
func randomRecord(rng *rand.Rand) Record {
	words := []string{"", "甲企业", `引号"`, "back\\slash", "tab\there", "<b>&", "\u2028", "bad\xffutf8", "plain", "zone-a"}
	w := func() string { return words[rng.IntN(len(words))] }
	st := merge.State{Kind: "enterprise", ID: "id-" + w(), Fields: map[string]merge.Field{}}
	for range rng.IntN(5) {
		v, _ := json.Marshal(w())
		st.Fields["f"+w()] = merge.Field{Value: v, Version: fmt.Sprintf("%013d.%05d.%s", rng.IntN(1e6), rng.IntN(9), w()), Seen: w()}
	}
	if rng.IntN(3) == 0 {
		st.Deleted = "0000000000001.00000.x"
		st.DeleteSeen = map[string]string{"f" + w(): w()}
	}
	if rng.IntN(3) == 0 {
		st.Losers = []protocol.Conflict{{ID: "c", Field: "f" + w(), Value: json.RawMessage(`"old"`), Version: "v", Reason: protocol.ReasonConcurrent}}
	}
	rec := Record{State: st, Zones: []string{w(), "zone-a"}, Parent: w(), Home: w(), Seq: rng.Uint64N(1 << 40)}
	if rng.IntN(2) == 0 {
		rec.Gone, rec.Shared = []string{w()}, []string{w(), w()}
	}
	if rng.IntN(4) == 0 {
		rec.Erased = "0000000000002.00000." + w()
	}
	if rng.IntN(2) == 0 {
		rec.Author = w()
	}
	return rec
}

func TestEncodeMatchesEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		rec := randomRecord(rng)
		fast, err := EncodeRecord(rec)
		if err != nil {
			t.Fatal(err)
		}
		var back Record
		if err := json.Unmarshal(fast, &back); err != nil {
			t.Fatalf("case %d: %v\n%s", i, err, fast)
		}
		std, _ := json.Marshal(rec)
		var want Record
		json.Unmarshal(std, &want)
		if !reflect.DeepEqual(back, want) {
			t.Fatalf("case %d: stored form differs\nfast %s\nstd  %s", i, fast, std)
		}
		wire, err := Wire(rec)
		if err != nil {
			t.Fatal(err)
		}
		var gotWire, wantWire protocol.Record
		if err := json.Unmarshal(wire, &gotWire); err != nil {
			t.Fatalf("case %d: wire: %v\n%s", i, err, wire)
		}
		wantRec := rec.State.Record(rec.Seq, rec.Zones)
		wantRec.Erased = rec.Erased
		wantRec.Author = rec.Author
		stdWire, _ := json.Marshal(wantRec)
		json.Unmarshal(stdWire, &wantWire)
		if !reflect.DeepEqual(gotWire, wantWire) {
			t.Fatalf("case %d: wire differs\nfast %s\nstd  %s", i, wire, stdWire)
		}
	}
}
