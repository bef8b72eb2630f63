package storage

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sealing"
	bolt "go.etcd.io/bbolt"
)

// The crash test runs this test binary again as a child that writes to a
// store in a loop and says on stdout what has committed; the parent kills
// it with SIGKILL at a random moment and checks the file against what the
// child said. Child lines:
//
//	begin <op> <id|-> [value]    an operation is about to run
//	ack <id> <op> <seqs> [parent] it committed, with these outbox seqs
//	acking <seqs>                 an Ack of these seqs is about to run
//	acked-outbox <seq>            that Ack committed
const crashEnv = "SHANHAI_CRASH_CHILD"

// crashBulk is the size of the child's BulkCreate batches: more than one
// encoding block, so the pipelined path is what gets killed.
const crashBulk = 300

// TestCrashChild is the child process; it does nothing in a normal run.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("runs only as the crash test's child process")
	}
	seed, _ := strconv.ParseUint(os.Getenv(crashEnv+"_SEED"), 10, 64)
	if err := crashChild(context.Background(), path, seed); err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
}

// crashChild writes until killed.
func crashChild(ctx context.Context, path string, seed uint64) error {
	// Encrypted, as the CLI and the window make stores: contacts are sealed.
	s, err := Open(ctx, path, Options{Author: "crash", LockTimeout: 10 * time.Second, Passphrase: testPass, KeyCost: sealing.LowCostParams()})
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	ents, err := s.List(ctx, record.KindEnterprise, ListOptions{})
	if err != nil {
		return err
	}
	var live []string
	for _, e := range ents {
		live = append(live, e.Header().ID)
	}
	say := func(format string, args ...any) { fmt.Fprintf(os.Stdout, format+"\n", args...) }
	for n := 0; ; n++ {
		seq0, err := outboxSeq(s)
		if err != nil {
			return err
		}
		var id, op, extra string
		switch r := rng.IntN(100); {
		case r < 35 || len(live) == 0:
			op = "create-enterprise"
			say("begin %s -", op)
			e := &record.Enterprise{Name: fmt.Sprintf("崩溃测试%d号%d有限公司", seed, n)}
			err, id = s.Create(ctx, e), e.ID
			live = append(live, id)
		case r < 55:
			op, extra = "create-contact", live[rng.IntN(len(live))]
			say("begin %s - %s", op, extra)
			c := newContact(extra, "测试联系人", fmt.Sprintf("138%08d", rng.IntN(1e8)))
			err, id = s.Create(ctx, c), c.ID
		case r < 75:
			op, id = "patch", live[rng.IntN(len(live))]
			value := fmt.Sprintf("n%d-%d", seed, n)
			say("begin %s %s %s", op, id, value)
			_, err = s.Patch(ctx, record.KindEnterprise, id, rawFields(`{"notes":"`+value+`"}`))
		case r < 77:
			// A whole batch commits or none of it.
			op, id, extra = "bulk", fmt.Sprintf("批量%d-%d号", seed, n), strconv.Itoa(crashBulk)
			say("begin %s %s %s", op, id, extra)
			recs := make([]record.Record, crashBulk)
			for i := range recs {
				recs[i] = &record.Enterprise{Name: fmt.Sprintf("%s%03d有限公司", id, i)}
			}
			// The batch is left alone for the rest of this run (the
			// parent counts it whole); later runs patch and delete it.
			err = s.BulkCreate(ctx, recs)
		case r < 85:
			i := rng.IntN(len(live))
			op, id = "delete", live[i]
			say("begin %s %s", op, id)
			err = s.Delete(ctx, id)
			live = slices.Delete(live, i, i+1)
		default:
			if err := crashAck(ctx, s, 1+rng.IntN(6), say); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("%s %s: %w", op, id, err)
		}
		seq1, err := outboxSeq(s)
		if err != nil {
			return err
		}
		var seqs []string
		for q := seq0 + 1; q <= seq1; q++ {
			seqs = append(seqs, strconv.FormatUint(q, 10))
		}
		say("ack %s %s %s %s", id, op, strings.Join(seqs, ","), extra)
	}
}

// crashAck acknowledges the oldest k outbox entries.
func crashAck(ctx context.Context, s *Store, k int, say func(string, ...any)) error {
	chs, err := s.Outbox(ctx, k)
	if err != nil || len(chs) == 0 {
		return err
	}
	var seqs []uint64
	var text []string
	for _, c := range chs {
		seqs = append(seqs, c.Seq)
		text = append(text, strconv.FormatUint(c.Seq, 10))
	}
	say("acking %s", strings.Join(text, ","))
	if err := s.Ack(ctx, seqs...); err != nil {
		return err
	}
	for _, q := range seqs {
		say("acked-outbox %d", q)
	}
	return nil
}

// outboxSeq is the last outbox sequence number handed out.
func outboxSeq(s *Store) (uint64, error) {
	var seq uint64
	err := s.db.View(func(tx *bolt.Tx) error {
		seq = tx.Bucket(bucketOutbox).Sequence()
		return nil
	})
	return seq, err
}

// crashState is what the parent knows has committed.
type crashState struct {
	notes    map[string]string // live enterprise → notes
	contacts map[string]string // live contact → enterprise
	deleted  map[string]bool
	outbox   map[uint64]bool // written and not acked
	acked    map[uint64]bool
	maxSeq   uint64         // highest seq the parent has heard of
	bulks    map[string]int // batches acknowledged since the last check: tag → size
}

// inflight is the operation the child had begun when it was killed.
type inflight struct {
	op, id, value string
	seqs          []uint64 // for an ack
}

func TestCrashRecovery(t *testing.T) {
	if os.Getenv(crashEnv) != "" {
		t.Skip("child process")
	}
	trials := 50
	if testing.Short() {
		trials = 10
	}
	path := filepath.Join(t.TempDir(), FileName)
	st := &crashState{notes: map[string]string{}, contacts: map[string]string{}, deleted: map[string]bool{},
		outbox: map[uint64]bool{}, acked: map[uint64]bool{}, bulks: map[string]int{}}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	started := time.Now()
	for trial := range trials {
		out := runCrashChild(t, path, trial, 30*time.Millisecond+time.Duration(rng.IntN(220))*time.Millisecond)
		fly := st.apply(t, out)
		st.verify(t, trial, path, fly)
		if t.Failed() {
			t.Fatalf("trial %d failed; child output:\n%s", trial, out)
		}
	}
	t.Logf("%d trials in %v: %d live enterprises, %d contacts, %d deleted, %d pending, %d acked",
		trials, time.Since(started), len(st.notes), len(st.contacts), len(st.deleted), len(st.outbox), len(st.acked))
}

// runCrashChild starts the child, kills it after d and returns its stdout.
func runCrashChild(t *testing.T, path string, trial int, d time.Duration) []byte {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+path, fmt.Sprintf("%s_SEED=%d", crashEnv, trial+1))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(d)
	_ = cmd.Process.Signal(syscall.SIGKILL)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("child did not die by SIGKILL (%v); stdout:\n%s\nstderr:\n%s", err, stdout.Bytes(), stderr.Bytes())
	}
	return stdout.Bytes()
}

// apply reads the child's complete lines into st and returns what was in
// flight at the kill.
func (st *crashState) apply(t *testing.T, out []byte) *inflight {
	t.Helper()
	var fly *inflight
	sc := bufio.NewScanner(bytes.NewReader(out))
	complete := bytes.HasSuffix(out, []byte("\n"))
	lines := 0
	for sc.Scan() {
		lines++
		f := strings.Fields(sc.Text())
		if len(f) == 0 || (!complete && lines == bytes.Count(out, []byte("\n"))+1) {
			continue // a line cut by the kill
		}
		switch f[0] {
		case "begin":
			fly = &inflight{op: f[1], id: f[2]}
			if len(f) > 3 {
				fly.value = f[3]
			}
		case "acking":
			fly = &inflight{op: "ack", seqs: parseSeqs(f[1])}
		case "acked-outbox":
			q := parseSeqs(f[1])[0]
			delete(st.outbox, q)
			st.acked[q] = true
		case "ack":
			id, op := f[1], f[2]
			var seqs []uint64
			if len(f) > 3 {
				seqs = parseSeqs(f[3])
			}
			for _, q := range seqs {
				st.outbox[q] = true
				st.maxSeq = max(st.maxSeq, q)
			}
			switch op {
			case "create-enterprise":
				st.notes[id] = ""
			case "create-contact":
				st.contacts[id] = f[4]
			case "patch":
				st.notes[id] = fly.value
			case "delete":
				st.remove(id)
			case "bulk":
				st.bulks[id], _ = strconv.Atoi(f[4])
			}
			fly = nil
		default:
			t.Fatalf("child said %q", sc.Text())
		}
	}
	if fly != nil && fly.op == "ack" {
		// Part of the ack may have been reported: then all of it committed.
		for _, q := range fly.seqs {
			if st.acked[q] {
				for _, q := range fly.seqs {
					delete(st.outbox, q)
					st.acked[q] = true
				}
				return nil
			}
		}
	}
	return fly
}

func (st *crashState) remove(ent string) {
	delete(st.notes, ent)
	st.deleted[ent] = true
	for c, p := range st.contacts {
		if p == ent {
			delete(st.contacts, c)
			st.deleted[c] = true
		}
	}
}

func parseSeqs(s string) []uint64 {
	var out []uint64
	for _, p := range strings.Split(s, ",") {
		if q, err := strconv.ParseUint(p, 10, 64); err == nil {
			out = append(out, q)
		}
	}
	return out
}

// verify reopens the store and checks it against st, allowing the in-flight
// operation to have happened wholly or not at all, then adopts its outcome.
func (st *crashState) verify(t *testing.T, trial int, path string, fly *inflight) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, path, Options{LockTimeout: 5 * time.Second, Passphrase: testPass, KeyCost: sealing.LowCostParams()})
	if err != nil {
		t.Fatalf("trial %d: reopen: %v", trial, err)
	}
	defer s.Close()
	mustHealthy(t, s)
	snap := takeSnapshot(t, s)
	fail := func(format string, args ...any) { t.Errorf("trial %d: "+format, append([]any{trial}, args...)...) }
	st.checkBatches(fail, snap, fly)
	st.checkRecords(fail, snap, fly)
	ackDone := st.checkOutbox(fail, snap, fly)
	st.adopt(snap, fly, ackDone)
}

// crashSnapshot is what the reopened file holds.
type crashSnapshot struct {
	notes    map[string]string   // enterprise → notes
	contacts map[string]string   // contact → enterprise
	batch    map[string][]string // bulk tag → IDs of its enterprises
	outbox   []Change
}

func takeSnapshot(t *testing.T, s *Store) crashSnapshot {
	t.Helper()
	ctx := context.Background()
	snap := crashSnapshot{notes: map[string]string{}, contacts: map[string]string{}, batch: map[string][]string{}}
	ents, err := s.List(ctx, record.KindEnterprise, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ents {
		e := r.(*record.Enterprise)
		snap.notes[e.ID] = e.Notes
		if tag, _, ok := strings.Cut(e.Name, "号"); ok && strings.HasPrefix(tag, "批量") {
			snap.batch[tag+"号"] = append(snap.batch[tag+"号"], e.ID)
		}
	}
	cons, err := s.List(ctx, record.KindContact, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range cons {
		snap.contacts[r.Header().ID] = r.(*record.Contact).EnterpriseID
	}
	if snap.outbox, err = s.Outbox(ctx, 0); err != nil {
		t.Fatal(err)
	}
	return snap
}

func (fly *inflight) is(op string) bool { return fly != nil && fly.op == op }

// checkBatches: an acknowledged batch is there whole, an in-flight one
// whole or not at all. Their records then count as known.
func (st *crashState) checkBatches(fail func(string, ...any), snap crashSnapshot, fly *inflight) {
	for tag, k := range st.bulks {
		if len(snap.batch[tag]) != k {
			fail("acknowledged batch %s has %d of %d enterprises", tag, len(snap.batch[tag]), k)
		}
	}
	if fly.is("bulk") {
		if n := len(snap.batch[fly.id]); n != 0 && strconv.Itoa(n) != fly.value {
			fail("batch %s half stored: %d of %s", fly.id, n, fly.value)
		}
		st.bulks[fly.id] = 0
	}
	for tag := range st.bulks {
		for _, id := range snap.batch[tag] {
			if _, ok := st.notes[id]; !ok {
				st.notes[id] = ""
			}
		}
	}
	clear(st.bulks)
}

// checkRecords: every acknowledged write is there, nothing deleted came
// back, and at most the in-flight create added a record.
func (st *crashState) checkRecords(fail func(string, ...any), snap crashSnapshot, fly *inflight) {
	for id, want := range st.notes {
		got, ok := snap.notes[id]
		switch {
		case !ok && !(fly.is("delete") && fly.id == id):
			fail("acknowledged enterprise %s missing", id)
		case ok && got != want && !(fly.is("patch") && fly.id == id && got == fly.value):
			fail("enterprise %s notes %q, want %q", id, got, want)
		}
	}
	for id, p := range st.contacts {
		if _, ok := snap.contacts[id]; !ok && !(fly.is("delete") && fly.id == p) {
			fail("acknowledged contact %s missing", id)
		}
	}
	if fly.is("delete") {
		_, entThere := snap.notes[fly.id]
		for c, p := range st.contacts {
			if _, there := snap.contacts[c]; p == fly.id && there != entThere {
				fail("delete of %s half done: contact %s there=%v", fly.id, c, there)
			}
		}
	}
	extraEnts, extraCons := 0, 0
	for id := range snap.notes {
		if _, ok := st.notes[id]; !ok {
			extraEnts++
		}
		if st.deleted[id] {
			fail("deleted enterprise %s is back", id)
		}
	}
	for id := range snap.contacts {
		if _, ok := st.contacts[id]; !ok {
			extraCons++
		}
	}
	if extraEnts > 0 && !(extraEnts == 1 && fly.is("create-enterprise")) || extraCons > 0 && !(extraCons == 1 && fly.is("create-contact")) {
		fail("%d unacknowledged enterprises, %d contacts (in flight: %+v)", extraEnts, extraCons, fly)
	}
}

// checkOutbox: the outbox holds exactly the written changes not acked,
// plus at most the in-flight write's; an in-flight ack is all or nothing.
// It reports whether the in-flight ack committed.
func (st *crashState) checkOutbox(fail func(string, ...any), snap crashSnapshot, fly *inflight) bool {
	got := map[uint64]bool{}
	for _, c := range snap.outbox {
		got[c.Seq] = true
		switch {
		case st.acked[c.Seq]:
			fail("acked change %d still in the outbox", c.Seq)
		case !st.outbox[c.Seq] && (c.Seq <= st.maxSeq || fly == nil || fly.is("ack")):
			fail("change %d (%s %s) was never reported", c.Seq, c.Op, c.RecordID)
		}
	}
	ackDone := fly.is("ack") && !got[fly.seqs[0]]
	for q := range st.outbox {
		if !got[q] && !(ackDone && slices.Contains(fly.seqs, q)) {
			fail("written change %d lost", q)
		}
	}
	if fly.is("ack") {
		for _, q := range fly.seqs {
			if got[q] == ackDone {
				fail("ack of %v half done", fly.seqs)
			}
		}
	}
	return ackDone
}

// adopt makes the checked file the parent's new knowledge.
func (st *crashState) adopt(snap crashSnapshot, fly *inflight, ackDone bool) {
	for id := range st.notes {
		if _, ok := snap.notes[id]; !ok {
			st.remove(id)
		}
	}
	st.notes, st.contacts, st.outbox = snap.notes, snap.contacts, map[uint64]bool{}
	for _, c := range snap.outbox {
		st.outbox[c.Seq] = true
		st.maxSeq = max(st.maxSeq, c.Seq)
	}
	if ackDone {
		for _, q := range fly.seqs {
			st.acked[q] = true
		}
	}
}
