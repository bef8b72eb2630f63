package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

// benchRecords makes n enterprises with one contact each, as an export
// would hold them (example data).
func benchRecords(n int) []record.Record {
	var recs []record.Record
	for i := range n {
		emp := 50 + i
		e := &record.Enterprise{Name: fmt.Sprintf("示例%04d玩具有限公司", i), Stage: record.StageLead,
			Employees: &emp, Tags: []string{"玩具", "教具"}, IndustryCode: "2451", RegionCode: "331127"}
		e.ID = fmt.Sprintf("01M8AQSAGP3QJHDMF5GC%06d", i)
		c := &record.Contact{EnterpriseID: e.ID, Name: "联系人", Mobile: fmt.Sprintf("+86138%08d", i)}
		c.ID = fmt.Sprintf("01M8AQSAGP3QJHDMF5GD%06d", i)
		recs = append(recs, e, c)
	}
	return recs
}

func BenchmarkDecodeJSONL(b *testing.B) {
	var buf bytes.Buffer
	if err := encodeJSONL(&buf, benchRecords(500)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if items, bad, err := decodeJSONL(bytes.NewReader(buf.Bytes())); err != nil || len(bad) > 0 || len(items) != 1000 {
			b.Fatalf("%d items, %v, %v", len(items), bad, err)
		}
	}
}

func BenchmarkDecodeCSV(b *testing.B) {
	var buf bytes.Buffer
	if err := encodeCSV(&buf, record.Kinds, benchRecords(500)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if items, bad, err := decodeCSV(bytes.NewReader(buf.Bytes()), ""); err != nil || len(bad) > 0 || len(items) != 1000 {
			b.Fatalf("%d items, %v, %v", len(items), bad, err)
		}
	}
}

// BenchmarkImport1000 is the whole import command: decode, validate and
// one BulkCreate of 1000 records into a fresh bbolt store.
func BenchmarkImport1000(b *testing.B) {
	var buf bytes.Buffer
	if err := encodeJSONL(&buf, benchRecords(500)); err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(b.TempDir(), "in.jsonl")
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		b.Fatal(err)
	}
	var out, errOut bytes.Buffer
	for b.Loop() {
		dir := b.TempDir()
		out.Reset()
		errOut.Reset()
		if code := testRunner(nil).Run(b.Context(), []string{"--data", dir, "import", file}, nil, &out, &errOut); code != ExitOK {
			b.Fatalf("exit %d: %s", code, errOut.String())
		}
	}
}
