package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// putChange is a put of one enterprise's name at the given version.
func putChange(client string, mut int, id, name, version string) protocol.Change {
	return protocol.Change{MutationID: fmt.Sprintf("%s-%d", client, mut), Kind: "enterprise", RecordID: id, Op: protocol.OpPut,
		Fields:   map[string]json.RawMessage{"name": json.RawMessage(`"` + name + `"`)},
		Versions: map[string]string{"name": version}}
}

// TestLargePushCopiesNewRecords: a push with at least copyMin new records
// writes them with COPY and its edits of stored records with the upsert;
// both must land, with their zones (an odd zone name crosses COPY as a
// real array), and a retried push must write nothing twice.
func TestLargePushCopiesNewRecords(t *testing.T) {
	s := openTest(t, testDSN(t), store.Hooks{})
	ctx := context.Background()
	zone := `a,"b"{c}`
	p := store.Principal{Name: "u", Zone: zone, Role: store.RoleStaff}
	push := func(req protocol.PushRequest) {
		t.Helper()
		resp, err := s.Push(ctx, p, req, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range resp.Results {
			if r.Status != protocol.StatusApplied {
				t.Fatalf("change %d: %+v", i, r)
			}
		}
	}
	first := protocol.PushRequest{ClientID: "c"}
	for i := range copyMin + 8 {
		first.Changes = append(first.Changes, putChange("c", i, fmt.Sprintf("e%03d", i), "old", "0000000000001.00000.n"))
	}
	push(first)
	second := protocol.PushRequest{ClientID: "c"}
	for i := range 20 { // edits of stored records: upsert
		second.Changes = append(second.Changes, putChange("c", 100+i, fmt.Sprintf("e%03d", i), "new", "0000000000002.00000.n"))
	}
	for i := range copyMin + 8 { // new records: COPY
		second.Changes = append(second.Changes, putChange("c", 200+i, fmt.Sprintf("f%03d", i), "new", "0000000000002.00000.n"))
	}
	push(second)
	push(first) // a retry: every mutation is known, nothing is written

	page, err := s.Pull(ctx, p, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := page.Decode()
	if err != nil {
		t.Fatal(err)
	}
	want := 2 * (copyMin + 8)
	if len(recs) != want {
		t.Fatalf("pulled %d records, want %d", len(recs), want)
	}
	seen := map[string]bool{}
	for _, r := range recs {
		if seen[r.ID] {
			t.Fatalf("record %s pulled twice", r.ID)
		}
		seen[r.ID] = true
		if len(r.Zones) != 1 || r.Zones[0] != zone {
			t.Fatalf("record %s zones %q, want [%q]", r.ID, r.Zones, zone)
		}
		name := "new"
		if r.ID >= "e020" && r.ID < "f" {
			name = "old"
		}
		if got := string(r.Fields["name"]); got != `"`+name+`"` {
			t.Fatalf("record %s name %s, want %q", r.ID, got, name)
		}
	}
	var next int64
	if err := s.pool.QueryRow(ctx, "SELECT value FROM counters WHERE name = 'seq'").Scan(&next); err != nil {
		t.Fatal(err)
	}
	if next != int64(want+20) {
		t.Fatalf("sequence at %d, want %d (one number per write)", next, want+20)
	}
}

// TestLargePushWithoutZones: a record with no zones must cross COPY as an
// empty array, as it does through the upsert's array literal (a nil
// slice would be NULL, which the column refuses).
func TestLargePushWithoutZones(t *testing.T) {
	s := openTest(t, testDSN(t), store.Hooks{})
	ctx := context.Background()
	p := store.Principal{Name: "root", Role: store.RoleAdmin}
	req := protocol.PushRequest{ClientID: "c"}
	for i := range copyMin {
		req.Changes = append(req.Changes, putChange("c", i, fmt.Sprintf("e%03d", i), "x", "0000000000001.00000.n"))
	}
	resp, err := s.Push(ctx, p, req, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	page, err := s.Pull(ctx, p, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Records) != copyMin {
		t.Fatalf("pulled %d records, want %d (push results %+v)", len(page.Records), copyMin, resp.Results[:1])
	}
}
