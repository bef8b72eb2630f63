//go:build unix

package screening

import (
	"syscall"
	"time"
)

// cpuTime is the process's user+system CPU time. On a shared machine it
// measures the work where wall-clock time measures the queue.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
