package main

import "testing"

func TestIdleStep(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name             string
		busy             bool
		allocated        uint64
		held, live       uint64
		wantBusy, wantGC bool
	}{
		{"working", false, 40 * mib, 300 * mib, 100 * mib, true, false},
		{"still working", true, 2 * mib, 300 * mib, 100 * mib, true, false},
		{"paused after work, much garbage", true, 100, 300 * mib, 100 * mib, false, true},
		{"paused after work, little garbage", true, 100, 110 * mib, 100 * mib, false, false},
		{"idle, garbage already counted", false, 0, 300 * mib, 100 * mib, false, false},
		{"just under the allocation mark", true, idleAllocs - 1, 300 * mib, 100 * mib, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			busy, gc := idleStep(tc.busy, tc.allocated, tc.held, tc.live)
			if busy != tc.wantBusy || gc != tc.wantGC {
				t.Errorf("idleStep = busy %v, give %v; want %v, %v", busy, gc, tc.wantBusy, tc.wantGC)
			}
		})
	}
}
