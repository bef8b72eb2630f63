package sealing

import (
	"errors"
	"fmt"
)

// Params are the argon2id costs of deriving a key from a passphrase. They
// are stored beside what they protect, so they can be raised later
// without making old files unreadable.
type Params struct {
	Time    uint32 // passes over memory
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultParams are the costs for real use: the RFC 9106 second
// recommendation (t=3, 64 MiB), about half a second on a field laptop.
func DefaultParams() Params { return Params{Time: 3, Memory: 64 << 10, Threads: 4} }

// LowCostParams are for tests only: they make a derivation take
// microseconds, and protect nothing against guessing.
func LowCostParams() Params { return Params{Time: 1, Memory: 64, Threads: 1} }

// Limits a stored Params must keep: a damaged or hostile file must not
// make the program allocate gigabytes or loop for hours.
const (
	maxTime    = 64
	maxMemory  = 4 << 20 // 4 GiB in KiB
	maxThreads = 64
)

// ErrFormat: the bytes are not in the format this package writes (wrong
// magic, unknown version, out-of-range parameters, cut short).
var ErrFormat = errors.New("not a valid sealed format")

// check rejects parameters outside the limits.
func (p Params) check() error {
	switch {
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("argon2 time %d: want 1..%d: %w", p.Time, maxTime, ErrFormat)
	case p.Threads < 1 || p.Threads > maxThreads:
		return fmt.Errorf("argon2 threads %d: want 1..%d: %w", p.Threads, maxThreads, ErrFormat)
	case p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory:
		return fmt.Errorf("argon2 memory %d KiB: want %d..%d: %w", p.Memory, 8*uint32(p.Threads), maxMemory, ErrFormat)
	}
	return nil
}
