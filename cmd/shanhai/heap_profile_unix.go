//go:build unix

package main

import (
	"os"
	"syscall"
)

// heapProfileSignals are the signals that write a heap profile.
var heapProfileSignals = []os.Signal{syscall.SIGUSR1}
