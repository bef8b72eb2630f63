package app

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// TestCaptureRetentionReview writes the retention review of a manager
// with three flagged contacts to $SHANHAI_CAPTURE/retention-review.png,
// painted by Fyne's software renderer: the demo data flags no contact,
// so scripts/screenshot.sh cannot show a filled review. Skipped unless
// SHANHAI_CAPTURE names a folder.
func TestCaptureRetentionReview(t *testing.T) {
	dir := os.Getenv("SHANHAI_CAPTURE")
	if dir == "" {
		t.Skip("SHANHAI_CAPTURE not set")
	}
	u := newTestUI(t, sampleServices())
	u.SetRetention(retentionFlags())
	u.SetRoles(&fakeRoles{Identity{User: "zhang", Role: RoleManager, Zone: "songyang"}})
	u.Show(ScreenRetention)
	u.retention.checks["C2"].SetChecked(true)
	f, err := os.Create(filepath.Join(dir, "retention-review.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, u.window.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
