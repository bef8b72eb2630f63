//go:build !unix

package search_test

import "time"

// cpuTime is not measured here; BenchmarkBuild then reports 0 cpu-ms.
func cpuTime() time.Duration { return 0 }
