package storage

import (
	"crypto/rand"
	"fmt"
	"sync"
	"time"

	"github.com/oklog/ulid/v2"
)

// idSource issues ULIDs that increase strictly within one Store, even
// when the clock stands still or steps back, so bucket keys append.
type idSource struct {
	mu      sync.Mutex
	entropy *ulid.MonotonicEntropy
	lastMs  uint64
}

func newIDSource() *idSource {
	return &idSource{entropy: ulid.Monotonic(rand.Reader, 0)}
}

// next returns a new ULID string stamped at t (or the last time used, if
// later).
func (g *idSource) next(t time.Time) (string, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	ms := max(ulid.Timestamp(t), g.lastMs)
	id, err := ulid.New(ms, g.entropy)
	if err != nil {
		return "", fmt.Errorf("new id: %w", err)
	}
	g.lastMs = ms
	return id.String(), nil
}

// validID reports whether s is a ULID in canonical form.
func validID(s string) bool {
	id, err := ulid.ParseStrict(s)
	return err == nil && id.String() == s
}
