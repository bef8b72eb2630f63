package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/shanhaifield/shanhai/server/store"
)

// testPipelinedOrder: a batch that names the batch it follows (After)
// applies only right after that batch; anything else is ErrOutOfOrder and
// changes nothing.
func testPipelinedOrder(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	ctx := context.Background()
	c := newClient("laptop1")
	first := c.batch(c.put("enterprise", "e1", "name", `"甲"`), c.put("enterprise", "e2", "name", `"乙"`))
	second := c.batch(c.put("enterprise", "e1", "notes", `"二"`))
	second.After = first.Changes[1].MutationID
	third := c.batch(c.put("enterprise", "e3", "name", `"丙"`))
	third.After = second.Changes[0].MutationID

	// The second arrives before the first: refused, nothing stored.
	if _, err := s.Push(ctx, staffA, second, now); !errors.Is(err, store.ErrOutOfOrder) {
		t.Fatalf("second before first: err = %v, want ErrOutOfOrder", err)
	}
	if recs, _ := pullAll(t, s, staffA, 0, 100); len(recs) != 0 {
		t.Fatalf("a refused batch stored %d records", len(recs))
	}
	resp := push(t, s, staffA, first)
	if !resp.Ordered {
		t.Fatal("answer does not say Ordered")
	}
	// The third names the second, which is still missing.
	if _, err := s.Push(ctx, staffA, third, now); !errors.Is(err, store.ErrOutOfOrder) {
		t.Fatalf("third before second: err = %v, want ErrOutOfOrder", err)
	}
	push(t, s, staffA, second)
	push(t, s, staffA, third)
	// Once the third is in, the second's turn has passed: a batch naming
	// the first again is out of order (a client retrying starts a push
	// without After).
	late := c.batch(c.put("enterprise", "e4", "name", `"丁"`))
	late.After = first.Changes[1].MutationID
	if _, err := s.Push(ctx, staffA, late, now); !errors.Is(err, store.ErrOutOfOrder) {
		t.Fatalf("late batch: err = %v, want ErrOutOfOrder", err)
	}
	// A retried second, sent again without After, is answered from the
	// mutation log and changes nothing.
	second.After = ""
	again := push(t, s, staffA, second)
	if again.Results[0].Seq == 0 {
		t.Fatalf("retried change lost its result: %+v", again.Results[0])
	}
	recs, _ := pullAll(t, s, staffA, 0, 100)
	got := byID(recs)
	if len(recs) != 3 || string(got["e1"].Fields["notes"]) != `"二"` {
		t.Fatalf("records = %d (%v), want e1 with notes, e2, e3", len(recs), got["e1"].Fields)
	}
	// Every answer of a pipelined push was lost: the next sync sends the
	// same batches again, pipelined, from the first. The replayed first
	// (without After) moves the client's last mutation back to its own,
	// so the replayed second and third pass the order check and are
	// answered from the mutation log.
	push(t, s, staffA, first)
	second.After = first.Changes[1].MutationID
	if again := push(t, s, staffA, second); again.Results[0].Seq == 0 {
		t.Fatalf("replayed second lost its result: %+v", again.Results[0])
	}
	push(t, s, staffA, third)
	if recs, _ := pullAll(t, s, staffA, 0, 100); len(recs) != 3 {
		t.Fatalf("replayed pipeline: %d records, want 3", len(recs))
	}
	// Another client's batches are ordered on their own.
	o := newClient("laptop2")
	ob := o.batch(o.put("enterprise", "e5", "name", `"戊"`))
	ob.After = third.Changes[0].MutationID
	if _, err := s.Push(ctx, staffA, ob, now); !errors.Is(err, store.ErrOutOfOrder) {
		t.Fatalf("other client's batch after laptop1's: err = %v, want ErrOutOfOrder", err)
	}
}
