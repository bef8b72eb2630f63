package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

// fuzzSeeds are inputs in and near the export formats.
var jsonlSeeds = []string{
	`{"kind":"enterprise","id":"01M8AQSAGP3QJHDMF5GCB29RPG","created_at":"2026-11-26T01:33:41.270326339Z","updated_at":"2026-11-26T01:33:41.270326339Z","author":"me","versions":{"name":"1795656821270.00000.90b0c60b5f345b2f"},"name":"浙江四联玩具有限公司","employees":350,"revenue_wan":12000.5,"stage":"lead","tags":["玩具","婴幼儿教具"]}`,
	`{"kind":"contact","enterprise_id":"X","name":"何向平","mobile":"+8613800138000"}` + "\n\n" + `{"kind":"task","due":"2024-10-01","done":true}`,
	`{"kind":"screening","enterprise_id":"X","pack_version":"1","zones":["a"],"inputs":{"a":[1,2]},"results":null}`,
	`{"kind":"enterprise","stage":"在谈","employees":"x"}`,
	"\ufeff{\"kind\":\"visit\"}\r\n[1,2]\n{}\nnull",
	`{"kind":1}`,
}

var csvSeeds = []string{
	"kind,id,name,employees,tags,versions\nenterprise,01M8AQSAGP3QJHDMF5GCB29RPG,浙江四联玩具有限公司,350,玩具、教具,\"{\"\"name\"\":\"\"x\"\"}\"\n",
	"\ufeffname,stage\r\n甲,在谈\r\n",
	"kind,name,notes\nenterprise,甲,\"a\nb\"\ncontact,,\n",
	"kind,inputs,zones\nscreening,\"{\"\"a\"\":1}\",\"[\"\"x,y\"\"]\"\n",
	"kind\n\"unterminated\n",
	"kind,kind\n",
}

// FuzzDecodeJSONL: the JSON-lines decoder never panics, and every record
// it accepts re-encodes and decodes to the same export line.
func FuzzDecodeJSONL(f *testing.F) {
	for _, s := range jsonlSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		items, _, err := decodeJSONL(strings.NewReader(in))
		if err != nil {
			return
		}
		checkReencode(t, items)
	})
}

// FuzzDecodeCSV: the CSV decoder never panics, and every record it
// accepts survives a CSV export and re-import unchanged.
func FuzzDecodeCSV(f *testing.F) {
	for _, s := range csvSeeds {
		f.Add(s, "")
		f.Add(s, "enterprise")
	}
	f.Fuzz(func(t *testing.T, in, kind string) {
		items, _, err := decodeCSV(strings.NewReader(in), record.Kind(kind))
		if err != nil {
			return
		}
		checkReencode(t, items)
		recs := make([]record.Record, len(items))
		for i, it := range items {
			recs[i] = it.Rec
		}
		var b bytes.Buffer
		if err := encodeCSV(&b, record.Kinds, recs); err != nil {
			t.Fatalf("encode decoded records: %v", err)
		}
		again, bad, err := decodeCSV(&b, "")
		if err != nil || len(bad) > 0 || len(again) != len(items) {
			t.Fatalf("re-import of own CSV: %d items, bad %v, err %v\n%s", len(again), bad, err, b.String())
		}
		for i := range items {
			want, _ := recordJSON(items[i].Rec)
			got, _ := recordJSON(again[i].Rec)
			if !bytes.Equal(want, got) {
				t.Fatalf("CSV round trip changed a record:\nwant %s\ngot  %s", want, got)
			}
		}
	})
}

// checkReencode encodes decoded records as JSON lines and decodes them
// again; the export lines must match.
func checkReencode(t *testing.T, items []item) {
	t.Helper()
	for _, it := range items {
		line, err := recordJSON(it.Rec)
		if err != nil {
			t.Fatalf("line %d: encode: %v", it.Line, err)
		}
		again, bad, err := decodeJSONL(bytes.NewReader(line))
		if err != nil || len(bad) > 0 || len(again) != 1 {
			t.Fatalf("line %d: re-decode %s: bad %v err %v", it.Line, line, bad, err)
		}
		if got, _ := recordJSON(again[0].Rec); !bytes.Equal(got, line) {
			t.Fatalf("line %d: round trip changed\n%s\nto\n%s", it.Line, line, got)
		}
	}
}
