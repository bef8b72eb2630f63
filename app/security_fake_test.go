package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// fakeVault is a store file in memory: a passphrase set on first open,
// a count of files set aside, and backups keyed by their content.
type fakeVault struct {
	probe    Probe
	probeErr error
	pass     string // "" until set
	opens    []string
	aside    int
	restored []string
	closed   int
	svc      *keyedServices
}

func (v *fakeVault) Probe(context.Context) (Probe, error) { return v.probe, v.probeErr }

func (v *fakeVault) Open(_ context.Context, passphrase []byte) (Services, error) {
	v.opens = append(v.opens, string(passphrase))
	if v.probe.Encrypted && string(passphrase) != v.pass {
		return nil, fmt.Errorf("open store: %w", ErrWrongPassphrase)
	}
	v.pass = string(passphrase)
	v.probe = Probe{Exists: true, Encrypted: true}
	v.svc = &keyedServices{fakeServices: sampleServices(), pass: v.pass}
	return v.svc, nil
}

func (v *fakeVault) SetAside(context.Context) (string, error) {
	v.aside++
	v.probe, v.pass = Probe{}, ""
	return "/data/shanhai.db.locked-1", nil
}

// RestoreBackup accepts a backup written by keyedServices.Backup: the
// text "backup:" followed by its passphrase.
func (v *fakeVault) RestoreBackup(_ context.Context, r io.Reader, passphrase []byte) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if string(b) != "backup:"+string(passphrase) {
		return fmt.Errorf("restore: %w", ErrWrongPassphrase)
	}
	v.restored = append(v.restored, string(b))
	v.probe, v.pass = Probe{Exists: true, Encrypted: true}, string(passphrase)
	return nil
}

func (v *fakeVault) Close() error { v.closed++; return nil }

// keyedServices is the fake store with a passphrase and backups.
type keyedServices struct {
	*fakeServices
	pass string
}

// Backup checks the passphrase before writing, as the store does.
func (k *keyedServices) Backup(_ context.Context, w io.Writer, passphrase []byte) error {
	if string(passphrase) != k.pass {
		return fmt.Errorf("backup: %w", ErrWrongPassphrase)
	}
	_, err := io.WriteString(w, "backup:"+string(passphrase))
	return err
}

func (k *keyedServices) ChangePassphrase(_ context.Context, old, new []byte) error {
	if string(old) != k.pass {
		return fmt.Errorf("change passphrase: %w", ErrWrongPassphrase)
	}
	k.pass = string(new)
	return nil
}

// fakeRetention flags two contacts and records the erased ones.
type fakeRetention struct {
	flags  []RetentionFlag
	erased []string
}

func (r *fakeRetention) Review(context.Context) ([]RetentionFlag, error) {
	var out []RetentionFlag
	for _, f := range r.flags {
		gone := false
		for _, id := range r.erased {
			gone = gone || id == f.ContactID
		}
		if !gone {
			out = append(out, f)
		}
	}
	return out, nil
}

func (r *fakeRetention) Erase(_ context.Context, id string) error {
	r.erased = append(r.erased, id)
	return nil
}

// fakeRoles returns a fixed identity.
type fakeRoles struct{ id Identity }

func (r *fakeRoles) Identity(context.Context) (Identity, error) { return r.id, nil }

// nopCloser makes a buffer a backup destination.
type nopCloser struct{ *bytes.Buffer }

func (nopCloser) Close() error { return nil }

// readCloser makes a string a backup source.
func readCloser(s string) io.ReadCloser { return io.NopCloser(bytes.NewBufferString(s)) }

// newTestOpener builds an Opener on the headless driver with synchronous
// background work, recording what it opens.
func newTestOpener(t *testing.T, v *fakeVault) (*Opener, *[]Screen) {
	t.Helper()
	test.NewTempApp(t)
	test.ApplyTheme(t, NewTheme())
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(960, 640))
	t.Cleanup(w.Close)
	o := NewOpener(t.Context(), w, v)
	o.background = func(work func(context.Context) error, done func(error)) { done(work(t.Context())) }
	var opened []Screen
	o.OnOpen = func(_ Services, start Screen) { opened = append(opened, start) }
	return o, &opened
}

// tapOnScreen taps the visible button labelled text in w's content or its
// overlays (dialogs), failing the test when there is none.
func tapOnScreen(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	c := w.Canvas()
	roots := []fyne.CanvasObject{c.Content()}
	if top := c.Overlays().Top(); top != nil {
		roots = []fyne.CanvasObject{top}
	}
	for _, root := range roots {
		if b := findButton(root, text); b != nil {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q on screen", text)
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	if o == nil || !o.Visible() {
		return nil
	}
	if b, ok := o.(*widget.Button); ok && b.Text == text {
		return b
	}
	var kids []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		kids = v.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(v).Objects()
	}
	for _, k := range kids {
		if b := findButton(k, text); b != nil {
			return b
		}
	}
	return nil
}
