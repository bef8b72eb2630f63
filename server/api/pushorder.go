package api

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// How long a pipelined push waits for the batch it follows by default
// (Server.OrderWait), and how often it looks again when no push of this
// process says one committed (the batch may be committed by another
// process on the same database).
const (
	defaultOrderWait = 10 * time.Second
	orderPoll        = 5 * time.Millisecond
)

var errOutOfOrder = apiError{http.StatusConflict, protocol.Error{Code: protocol.CodeOutOfOrder,
	Zh: "上一批修改尚未送达服务器，将从头重新发送", En: "the batch this push follows was not applied; send again from the first unsent change"}}

// pushInOrder applies a push, and when it names a batch it follows that
// is not applied yet, waits for it (the client sent both at once) and
// tries again. The order itself is checked inside the push transaction
// (store.ApplyBatch); the wait only makes a pipelined push succeed.
func (s *Server) pushInOrder(ctx context.Context, p store.Principal, req protocol.PushRequest) (protocol.PushResponse, error) {
	wait := s.OrderWait
	if wait <= 0 {
		wait = defaultOrderWait
	}
	deadline := time.Now().Add(wait)
	for {
		signal := s.pushed.wait()
		resp, err := s.Store.Push(ctx, p, req, s.now())
		if err == nil {
			s.pushed.broadcast()
			return resp, nil
		}
		if !errors.Is(err, store.ErrOutOfOrder) || time.Now().After(deadline) {
			return resp, err
		}
		t := time.NewTimer(orderPoll)
		select {
		case <-signal:
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return protocol.PushResponse{}, err
		}
		t.Stop()
	}
}

// pushSignal wakes pushes waiting for an earlier batch whenever a push
// commits. The zero value is ready to use.
type pushSignal struct {
	mu sync.Mutex
	ch chan struct{}
}

// wait returns a channel closed at the next broadcast.
func (ps *pushSignal) wait() <-chan struct{} {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.ch == nil {
		ps.ch = make(chan struct{})
	}
	return ps.ch
}

// broadcast wakes every waiter.
func (ps *pushSignal) broadcast() {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.ch != nil {
		close(ps.ch)
		ps.ch = nil
	}
}
