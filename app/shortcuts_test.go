package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

// TestWindowShortcuts checks the shortcuts with no entry focused (through
// the canvas) and from inside entries (through keyEntry): Ctrl+F goes to
// the search box from any screen, Ctrl+N opens the form, Esc closes it.
func TestWindowShortcuts(t *testing.T) {
	u := newTestUI(t, sampleServices())
	c := u.window.Canvas()
	u.Show(ScreenZones)
	c.Unfocus()
	if !u.shortcut(ctrl(fyne.KeyF)) {
		t.Fatal("Ctrl+F not handled")
	}
	if u.nav.current != ScreenEnterprises || c.Focused() != u.enterprises.search {
		t.Errorf("Ctrl+F: screen %s, focus %v", u.nav.current, c.Focused())
	}
	u.enterprises.search.TypedShortcut(ctrl(fyne.KeyN))
	if u.form == nil {
		t.Fatal("Ctrl+N in the search box opened no form")
	}
	c.Unfocus()
	c.(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.form != nil {
		t.Error("Esc with nothing focused did not close the form")
	}
	if u.shortcut(escapeKey{}) {
		t.Error("Esc with no form open claimed to do something")
	}
	if u.shortcut(ctrl(fyne.KeyS)) {
		t.Error("Ctrl+S on the enterprise list claimed to save something")
	}
}
