// Package hlc provides a hybrid logical clock: stamps that order events
// across machines even when their wall clocks disagree.
//
// A stamp is the larger of the local wall clock and the largest stamp seen,
// plus a counter, so a laptop whose clock is hours behind still stamps its
// edits after every edit it has already seen; no old edit wins because of
// a fast clock alone.
//
// The text form "%013d.%05d.%s" (milliseconds, counter, node) sorts in the
// same order as Compare, so stamps can be compared as strings and used as
// bbolt keys.
package hlc

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Stamp is one hybrid-logical-clock reading.
type Stamp struct {
	Wall    int64  // milliseconds since the Unix epoch
	Counter uint32 // orders stamps within one millisecond
	Node    string // breaks ties between machines deterministically
}

// String returns the sortable text form.
func (s Stamp) String() string {
	return fmt.Sprintf("%013d.%05d.%s", s.Wall, s.Counter, s.Node)
}

// IsZero reports whether s is the zero stamp.
func (s Stamp) IsZero() bool { return s.Wall == 0 && s.Counter == 0 && s.Node == "" }

// Compare returns -1, 0 or +1 as a is before, equal to or after b.
func Compare(a, b Stamp) int {
	switch {
	case a.Wall != b.Wall:
		return cmp(a.Wall < b.Wall)
	case a.Counter != b.Counter:
		return cmp(a.Counter < b.Counter)
	case a.Node != b.Node:
		return cmp(a.Node < b.Node)
	}
	return 0
}

func cmp(less bool) int {
	if less {
		return -1
	}
	return 1
}

// Parse reads the text form written by String.
func Parse(s string) (Stamp, error) {
	parts := strings.SplitN(s, ".", 3)
	if len(parts) != 3 {
		return Stamp{}, fmt.Errorf("hlc stamp %q: want wall.counter.node", s)
	}
	wall, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || wall < 0 {
		return Stamp{}, fmt.Errorf("hlc stamp %q: bad wall time", s)
	}
	c, err := strconv.ParseUint(parts[1], 10, 32)
	if err != nil {
		return Stamp{}, fmt.Errorf("hlc stamp %q: bad counter", s)
	}
	return Stamp{Wall: wall, Counter: uint32(c), Node: parts[2]}, nil
}

// Clock issues stamps for one node. It is safe for concurrent use.
type Clock struct {
	mu   sync.Mutex
	last Stamp
	node string
	now  func() time.Time
}

// New returns a clock for node. now may be nil to use time.Now; tests pass
// a skewed clock.
func New(node string, now func() time.Time) *Clock {
	if now == nil {
		now = time.Now
	}
	return &Clock{node: node, now: now}
}

// Now returns a stamp after every stamp this clock has issued or observed.
func (c *Clock) Now() Stamp {
	c.mu.Lock()
	defer c.mu.Unlock()
	wall := c.now().UnixMilli()
	if wall > c.last.Wall {
		c.last = Stamp{Wall: wall, Node: c.node}
	} else {
		c.last = Stamp{Wall: c.last.Wall, Counter: c.last.Counter + 1, Node: c.node}
	}
	return c.last
}

// Observe moves the clock past a stamp received from another node, so the
// next local stamp orders after it.
func (c *Clock) Observe(s Stamp) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s.Wall > c.last.Wall || (s.Wall == c.last.Wall && s.Counter > c.last.Counter) {
		c.last = Stamp{Wall: s.Wall, Counter: s.Counter, Node: c.node}
	}
}

// Last returns the latest stamp issued or observed, for persisting.
func (c *Clock) Last() Stamp {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}
