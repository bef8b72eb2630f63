package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"strconv"
	"time"
)

// defaultHeapProfileDelay is how long after start the heap profile asked
// for by SHANHAI_HEAPPROFILE is written: long enough for the window, the
// list and the search index to be built and the window to be at rest.
const defaultHeapProfileDelay = 15 * time.Second

// startHeapProfile writes heap profiles for measuring the window's memory
// (docs/desktop-speed.md): with SHANHAI_HEAPPROFILE=path, one to path
// SHANHAI_HEAPPROFILE_DELAY seconds after start (15 by default), and one
// to path.N on each SIGUSR1 (for the heap after use; not on Windows). Without the
// variable it does nothing. It returns at once; the writing stops with
// ctx.
func startHeapProfile(ctx context.Context, getenv func(string) string) {
	path := getenv("SHANHAI_HEAPPROFILE")
	if path == "" {
		return
	}
	delay := heapProfileDelay(getenv)
	usr1 := make(chan os.Signal, 1)
	if len(heapProfileSignals) > 0 { // Notify with none would relay every signal
		signal.Notify(usr1, heapProfileSignals...)
	}
	go func() {
		defer signal.Stop(usr1)
		timer := time.NewTimer(delay)
		defer timer.Stop()
		for n := 1; ; {
			select {
			case <-ctx.Done():
				return
			case <-timer.C:
				writeHeapProfile(path)
			case <-usr1:
				writeHeapProfile(path + "." + strconv.Itoa(n))
				n++
			}
		}
	}()
}

// writeHeapProfile collects garbage first, so that the profile's in-use
// figures are the live heap, and logs the failure: a profile is a
// measuring aid, never a reason to stop the window.
func writeHeapProfile(path string) {
	if err := writeHeapProfileFile(path); err != nil {
		slog.Warn("heap profile not written", "err", err)
		return
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	slog.Info("heap profile written", "path", path,
		"heap_alloc_mib", ms.HeapAlloc>>20, "heap_sys_mib", ms.HeapSys>>20, "heap_released_mib", ms.HeapReleased>>20)
}

func writeHeapProfileFile(path string) error {
	runtime.GC()
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("heap profile %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("heap profile %s: %w", path, err)
	}
	return nil
}

// heapProfileDelay reads SHANHAI_HEAPPROFILE_DELAY (seconds, fractions
// allowed); unset or invalid gives defaultHeapProfileDelay, the latter
// with a warning.
func heapProfileDelay(getenv func(string) string) time.Duration {
	s := getenv("SHANHAI_HEAPPROFILE_DELAY")
	if s == "" {
		return defaultHeapProfileDelay
	}
	sec, err := strconv.ParseFloat(s, 64)
	if err != nil || !(sec >= 0 && sec <= 24*3600) { // NaN fails both
		slog.Warn("SHANHAI_HEAPPROFILE_DELAY: want seconds from 0 to 86400; using the default", "value", s)
		return defaultHeapProfileDelay
	}
	return time.Duration(sec * float64(time.Second))
}
