package client

import (
	"syscall"
	"time"
)

// processCPU is the CPU time this process has used so far (user and
// system, every thread): the benchmarks report it beside wall time,
// because on a shared machine the CPU a sync needs varies far less than
// how long it waits for a core.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
