//go:build !unix

package main

import "os"

// heapProfileSignals is empty where there is no SIGUSR1 (Windows): only
// the profile after SHANHAI_HEAPPROFILE_DELAY is written.
var heapProfileSignals []os.Signal
