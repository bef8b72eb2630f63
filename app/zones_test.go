package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestZonesScreen selects zones in the list and checks the right side
// shows the pack's positioning, chains and pairings for that zone.
func TestZonesScreen(t *testing.T) {
	u := newTestUI(t, sampleServices())
	test.Tap(u.nav.buttons[ScreenZones])
	pack := u.ref.pack
	z := newZonesScreen(u.ref)
	w := test.NewTempWindow(t, z.content)
	w.Resize(u.window.Canvas().Size())
	for i, zone := range pack.Zones() {
		z.list.Select(i)
		markup := test.RenderToMarkup(w.Canvas())
		want := []string{zone.Name, "主导产业", "结对开发区", "规则包 " + pack.Version}
		if len(zone.Leading) > 0 {
			want = append(want, zone.Leading[0].Wording)
		}
		for _, p := range pack.Paired(zone.ID) {
			want = append(want, p.Name)
		}
		for _, s := range want {
			if !strings.Contains(markup, s) {
				t.Errorf("zone %s: does not show %q", zone.ID, s)
			}
		}
	}
}
