//go:build !unix

package screening

import "time"

// cpuTime is unavailable here; the CPU-time metric is then left out.
func cpuTime() time.Duration { return 0 }
