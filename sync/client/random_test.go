package client

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"testing"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/record"
)

// edit is one field write made offline on one laptop.
type edit struct {
	laptop string
	value  string
	stamp  string
}

// chaos is what a fault test adds to the random scenario.
type chaos struct {
	hc *http.Client // the laptops' HTTP client (through a proxy)
	// server is the URL laptops use; defaults to the server's own.
	server string
	// beforeSync runs before every sync attempt (may restart the server).
	beforeSync func()
	// settle waits for faults in flight (a restart) before a check.
	settle func()
}

// runScenario makes three laptops edit offline at random (create, edit
// the same or different fields, delete) and sync in random orders, and
// after every round checks that every laptop and the server hold the
// same data, that no edit was lost, and that every losing value is a
// conflict.
func runScenario(t *testing.T, seed uint64, rounds int, srv *testServer, ch *chaos) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, seed*7919))
	url := srv.url()
	var hc *http.Client
	if ch != nil {
		hc = ch.hc
		if ch.server != "" {
			url = ch.server
		}
	}
	laptops := []*laptop{
		newLaptop(t, "l1", url, "alice", hc),
		newLaptop(t, "l2", url, "carol", hc),
		newLaptop(t, "l3", url, "dave", hc),
	}
	created, deleted := map[string]bool{}, map[string]bool{}
	losers := 0
	syncOne := func(l *laptop) {
		for attempt := 0; ; attempt++ {
			if ch != nil && ch.beforeSync != nil {
				ch.beforeSync()
			}
			_, err := l.sync.Sync(ctx)
			if err == nil {
				return
			}
			if ch == nil || attempt > 200 || !Retryable(err) {
				t.Fatalf("seed %d: sync %s (attempt %d): %v", seed, l.name, attempt, err)
			}
		}
	}
	for round := range rounds {
		edits := map[string]map[string][]edit{} // record → field → edits
		for _, l := range laptops {
			for op := range 1 + rng.IntN(5) {
				randomOp(t, rng, l, fmt.Sprintf("%s-r%d-o%d", l.name, round, op), edits, created, deleted)
			}
		}
		for _, i := range rng.Perm(len(laptops)) {
			syncOne(laptops[i])
		}
		for _, i := range rng.Perm(len(laptops)) {
			syncOne(laptops[i])
		}
		if ch != nil && ch.settle != nil {
			ch.settle()
		}
		losers += checkRound(t, seed, round, srv, laptops, edits, created, deleted)
	}
	if len(created) == 0 || losers == 0 || len(deleted) == 0 {
		t.Fatalf("seed %d: the scenario created %d, deleted %d, lost %d: too tame to test anything", seed, len(created), len(deleted), losers)
	}
	t.Logf("seed %d: %d created, %d deleted, %d losing values checked as conflicts", seed, len(created), len(deleted), losers)
}

var editFields = []string{"name", "short_name", "address", "notes", "employees", "stage"}

// randomOp makes one random offline change on l.
func randomOp(t *testing.T, rng *rand.Rand, l *laptop, tag string, edits map[string]map[string][]edit, created, deleted map[string]bool) {
	ctx := context.Background()
	recs, err := l.store.List(ctx, record.KindEnterprise, storageAll)
	if err != nil {
		t.Fatal(err)
	}
	p := rng.IntN(100)
	switch {
	case len(recs) == 0 || p < 20:
		e := &record.Enterprise{Name: "企业 " + tag, Stage: record.StageLead}
		if err := l.store.Create(ctx, e); err != nil {
			t.Fatal(err)
		}
		created[e.ID] = true
		return
	case p < 27:
		id := recs[rng.IntN(len(recs))].Header().ID
		if err := l.store.Delete(ctx, id); err != nil {
			t.Fatal(err)
		}
		deleted[id] = true
		return
	}
	hot := recs[:min(3, len(recs))] // most edits hit a few records, so laptops collide
	id := hot[rng.IntN(len(hot))].Header().ID
	if rng.IntN(4) == 0 {
		id = recs[rng.IntN(len(recs))].Header().ID
	}
	field := editFields[rng.IntN(len(editFields))]
	if edits[id] == nil {
		edits[id] = map[string][]edit{}
	}
	if slices.ContainsFunc(edits[id][field], func(e edit) bool { return e.laptop == l.name }) {
		return // one edit per field per laptop and round keeps the expected losers simple
	}
	value := `"` + tag + `"`
	switch field {
	case "employees":
		value = fmt.Sprint(rng.IntN(5000))
	case "stage":
		value = `"` + string([]record.Stage{record.StageLead, record.StageVisited, record.StageNegotiating, record.StageSigned}[rng.IntN(4)]) + `"`
	}
	rec, err := l.store.Patch(ctx, record.KindEnterprise, id, map[string]json.RawMessage{field: json.RawMessage(value)})
	if err != nil {
		t.Fatal(err)
	}
	if before := recVersion(recs, id, field); rec.Header().Versions[field] == before {
		return // the field already had this value: no edit happened
	}
	edits[id][field] = append(edits[id][field], edit{laptop: l.name, value: value, stamp: rec.Header().Versions[field]})
}

// checkRound returns how many losing edits it found as conflicts.
func checkRound(t *testing.T, seed uint64, round int, srv *testServer, laptops []*laptop, edits map[string]map[string][]edit, created, deleted map[string]bool) int {
	t.Helper()
	losers := 0
	want := serverState(t, srv)
	for _, l := range laptops {
		if d := diffStates(localState(t, l.store), want); d != "" {
			t.Fatalf("seed %d round %d: %s differs from the server: %s", seed, round, l.name, d)
		}
		if bad, err := l.store.Doctor(context.Background()); err != nil || len(bad) > 0 {
			t.Fatalf("seed %d round %d: %s store inconsistent after applying pulls: %v %v", seed, round, l.name, bad, err)
		}
		if n, _ := l.store.Pending(context.Background()); n != 0 {
			t.Fatalf("seed %d round %d: %s has %d unsent changes after syncing", seed, round, l.name, n)
		}
	}
	live := 0
	for id := range created {
		if !deleted[id] {
			live++
		}
	}
	if len(want.records) != live {
		t.Fatalf("seed %d round %d: server holds %d records, %d were created and not deleted", seed, round, len(want.records), live)
	}
	for id := range deleted {
		if _, ok := want.records[id]; ok {
			t.Fatalf("seed %d round %d: deleted %s is still on the server", seed, round, id)
		}
	}
	for id, fields := range edits {
		rec, alive := want.records[id]
		if !alive {
			continue
		}
		for field, es := range fields {
			win := es[0]
			for _, e := range es[1:] {
				if compareStamp(e.stamp, win.stamp) > 0 {
					win = e
				}
			}
			if rec[field] != win.value {
				t.Fatalf("seed %d round %d: %s.%s = %s, want the newest edit %+v (lost)", seed, round, id, field, rec[field], win)
			}
			for _, e := range es {
				if e.value != win.value && !slices.Contains(want.conflicts, id+"/"+field+"/"+e.stamp) {
					t.Fatalf("seed %d round %d: losing edit %+v of %s.%s is not a conflict (have %v)", seed, round, e, id, field, want.conflicts)
				}
				if e.value != win.value {
					losers++
				}
			}
		}
	}
	return losers
}

func compareStamp(a, b string) int {
	sa, _ := hlc.Parse(a)
	sb, _ := hlc.Parse(b)
	return hlc.Compare(sa, sb)
}

func TestRandomOfflineEditsConverge(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3, 4} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			runScenario(t, seed, 6, startServer(t, nil), nil)
		})
	}
}

func recVersion(recs []record.Record, id, field string) string {
	for _, r := range recs {
		if r.Header().ID == id {
			return r.Header().Versions[field]
		}
	}
	return ""
}
