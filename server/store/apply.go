package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/shanhaifield/shanhai/sync/merge"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// ApplyBatch applies a push inside a backend transaction. A change already
// pushed by this client returns its stored result; a change the caller may
// not make, or that is malformed, is rejected but still remembered, so one
// bad change never blocks the client's outbox. An error aborts the whole
// batch: the backend rolls back and the client retries later.
func ApplyBatch(ctx context.Context, tx Tx, p Principal, req protocol.PushRequest, now time.Time) (protocol.PushResponse, error) {
	if err := inOrder(ctx, tx, req); err != nil {
		return protocol.PushResponse{}, err
	}
	resp := protocol.PushResponse{Results: make([]protocol.Result, 0, len(req.Changes)), ServerTime: now.UnixMilli(), Ordered: true}
	opt := merge.Options{MaxWall: now.Add(MaxSkew).UnixMilli()}
	audit := make([]AuditEntry, 0, len(req.Changes))
	for i, ch := range req.Changes {
		res, done, err := tx.Mutation(ctx, req.ClientID, ch.MutationID)
		if err != nil {
			return protocol.PushResponse{}, fmt.Errorf("change %d: read mutation: %w", i, err)
		}
		if !done {
			var seen applied
			if res, err = applyOne(ctx, tx, p, ch, opt, &seen); err != nil {
				return protocol.PushResponse{}, fmt.Errorf("change %d (%s): %w", i, ch.MutationID, err)
			}
			if err := tx.PutMutation(ctx, req.ClientID, ch, res); err != nil {
				return protocol.PushResponse{}, fmt.Errorf("change %d: store mutation: %w", i, err)
			}
			audit = append(audit, changeAudit(p, req.ClientID, ch, res, seen, now))
		}
		resp.Cursor = max(resp.Cursor, res.Seq)
		resp.Results = append(resp.Results, res)
	}
	if n := len(req.Changes); n > 0 {
		last := req.Changes[n-1]
		if err := tx.SetClient(ctx, req.ClientID, last.MutationID, last.ClientSeq, now); err != nil {
			return protocol.PushResponse{}, fmt.Errorf("record client %s: %w", req.ClientID, err)
		}
	}
	if err := appendAudit(ctx, tx, audit); err != nil {
		return protocol.PushResponse{}, err
	}
	return resp, nil
}

// ErrOutOfOrder is returned for a push whose After batch is not the last
// one applied for its client (yet): the caller may wait for it and try
// again, and answers CodeOutOfOrder when it does not come.
var ErrOutOfOrder = errors.New("push arrived before the batch it follows")

// inOrder lets a pipelined batch (one naming the batch it follows) apply
// only right after that batch. The check runs inside the transaction that
// records the client's new last mutation, so two batches can never both
// pass it against the same predecessor.
func inOrder(ctx context.Context, tx Tx, req protocol.PushRequest) error {
	if req.After == "" {
		return nil
	}
	last, err := tx.LastMutation(ctx, req.ClientID)
	if err != nil {
		return fmt.Errorf("read client %s: %w", req.ClientID, err)
	}
	if last != req.After {
		return fmt.Errorf("client %s: after %s, last applied %q: %w", req.ClientID, req.After, last, ErrOutOfOrder)
	}
	return nil
}

// applyOne merges one change and stores the record under a new sequence
// number when anything changed. seen receives the record before and
// after, for the audit log.
func applyOne(ctx context.Context, tx Tx, p Principal, ch protocol.Change, opt merge.Options, seen *applied) (protocol.Result, error) {
	prev, exists, err := tx.Record(ctx, ch.RecordID)
	if err != nil {
		return protocol.Result{}, err
	}
	seen.prev = prev
	if exists && !p.CanSee(prev.Zones) {
		return rejected(ch, errForbidden), nil
	}
	if ch.Op == protocol.OpErase {
		return applyErase(ctx, tx, p, ch, prev, exists)
	}
	if exists && prev.Erased != "" {
		return rejected(ch, errErased), nil
	}
	if cerr := mayChange(p, ch, prev, exists); cerr != nil {
		return rejected(ch, cerr), nil
	}
	mr, err := merge.Apply(prev.State, ch, opt)
	var cerr *protocol.ChangeError
	if errors.As(err, &cerr) {
		return rejected(ch, cerr), nil
	} else if err != nil {
		return protocol.Result{}, err
	}
	pl, cerr, err := place(ctx, tx, p, mr.State, prev, exists)
	if err != nil {
		return protocol.Result{}, err
	}
	if cerr != nil {
		return rejected(ch, cerr), nil
	}
	if !p.CanSee(pl.zones) {
		return rejected(ch, errForbidden), nil
	}
	if err := underDeleted(ctx, tx, &mr, pl.parent, ch.Op); err != nil {
		return protocol.Result{}, err
	}
	status := mr.Status(ch)
	if !mr.Changed && slices.Equal(pl.zones, prev.Zones) && pl.parent == prev.Parent {
		return protocol.Result{MutationID: ch.MutationID, Status: protocol.StatusUnchanged}, nil
	}
	author := prev.Author
	if mr.Changed {
		author = p.Name
	}
	rec, err := save(ctx, tx, Record{State: mr.State, Zones: pl.zones, Parent: pl.parent, Home: pl.home, Shared: prev.Shared, Author: author}, prev)
	if err != nil {
		return protocol.Result{}, err
	}
	seen.next = rec
	if err := follow(ctx, tx, rec, prev); err != nil {
		return protocol.Result{}, err
	}
	if status == protocol.StatusUnchanged {
		status = protocol.StatusMerged // only zones or conflicts moved
	}
	return protocol.Result{MutationID: ch.MutationID, Status: status, Seq: rec.Seq, Conflicts: mr.Conflicts}, nil
}

func rejected(ch protocol.Change, e *protocol.ChangeError) protocol.Result {
	return protocol.Result{MutationID: ch.MutationID, Status: protocol.StatusRejected, Code: e.Code, Zh: e.Zh, En: e.En}
}

// underDeleted deletes a child written under a deleted enterprise with
// it (see deleteWith): offered as a restore, never left orphaned.
// A restore of the child restores the enterprise instead.
func underDeleted(ctx context.Context, tx Tx, mr *merge.Result, parent string, op protocol.Op) error {
	if parent == "" || mr.State.IsDeleted() {
		return nil
	}
	ent, ok, err := tx.Record(ctx, parent)
	if err != nil || !ok || !ent.State.IsDeleted() {
		return err
	}
	if op == protocol.OpRestore {
		restored, err := restoreParent(ctx, tx, ent, mr.State.Restored, mr.State.ID)
		if err != nil || restored {
			return err
		}
	}
	if deleteWith(&mr.State, ent.State) {
		mr.Changed = true
	}
	return nil
}
