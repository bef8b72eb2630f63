package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// escapeKey stands for the Esc key in the shortcut dispatcher, so one
// function handles Esc and the Ctrl shortcuts alike.
type escapeKey struct{}

// ShortcutName implements fyne.Shortcut.
func (escapeKey) ShortcutName() string { return "Escape" }

// keyEntry is an Entry that offers the window's shortcuts (Ctrl+S, Ctrl+N,
// Ctrl+F, Ctrl+Enter, Esc) to forward before handling keys itself: a
// focused Entry otherwise swallows every shortcut, and users type in
// entries most of the time.
type keyEntry struct {
	widget.Entry
	forward func(fyne.Shortcut) bool
}

func newKeyEntry(forward func(fyne.Shortcut) bool) *keyEntry {
	e := &keyEntry{forward: forward}
	e.ExtendBaseWidget(e)
	return e
}

func newKeyMultiLineEntry(forward func(fyne.Shortcut) bool) *keyEntry {
	e := newKeyEntry(forward)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

// TypedShortcut implements fyne.Shortcutable.
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if e.forward != nil && e.forward(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey implements fyne.Focusable; Esc goes to forward first.
func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.forward != nil && e.forward(escapeKey{}) {
		return
	}
	e.Entry.TypedKey(k)
}

// ctrl is the shortcut Ctrl (Cmd on macOS) + key.
func ctrl(key fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// isCtrl reports whether s is Ctrl (or Cmd) + one of keys.
func isCtrl(s fyne.Shortcut, keys ...fyne.KeyName) bool {
	c, ok := s.(*desktop.CustomShortcut)
	if !ok || (c.Modifier != fyne.KeyModifierControl && c.Modifier != fyne.KeyModifierSuper) {
		return false
	}
	for _, k := range keys {
		if c.KeyName == k {
			return true
		}
	}
	return false
}
