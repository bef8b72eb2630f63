package app

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// passphrasePair asks for a new passphrase twice, with each entry's
// problem shown under it in Chinese. A typo in a passphrase nobody can
// recover is fatal, hence the second entry.
type passphrasePair struct {
	first, second       *widget.Entry
	firstErr, secondErr *widget.Label
	content             fyne.CanvasObject
	// relayout runs after an error line came or went, so that what holds
	// the pair makes room for it.
	relayout func()
}

func newPassphrasePair(firstLabel string) *passphrasePair {
	p := &passphrasePair{first: widget.NewPasswordEntry(), second: widget.NewPasswordEntry(),
		firstErr: errorLabel(), secondErr: errorLabel()}
	p.first.SetPlaceHolder(lang.X("pass.min_hint", "至少 {{.Min}} 个字符", map[string]any{"Min": MinPassphrase}))
	p.content = container.New(layout.NewFormLayout(),
		boldLabel(firstLabel), container.NewVBox(p.first, p.firstErr),
		boldLabel(lang.X("pass.repeat", "再输入一次")), container.NewVBox(p.second, p.secondErr),
	)
	return p
}

// check returns the passphrase when both entries agree and it is long
// enough, and otherwise shows the problem beside the entry at fault.
func (p *passphrasePair) check() ([]byte, bool) {
	if p.relayout != nil {
		defer p.relayout()
	}
	showText(p.firstErr, "")
	showText(p.secondErr, "")
	if msg := passphraseProblem(p.first.Text); msg != "" {
		showText(p.firstErr, msg)
		return nil, false
	}
	if p.second.Text != p.first.Text {
		showText(p.secondErr, lang.X("pass.mismatch", "两次输入的口令不一致"))
		return nil, false
	}
	return []byte(p.first.Text), true
}

// passphraseProblem says why s cannot be a new passphrase, "" when it can.
func passphraseProblem(s string) string {
	if utf8.RuneCountInString(s) < MinPassphrase {
		return lang.X("pass.too_short", "口令至少需要 {{.Min}} 个字符", map[string]any{"Min": MinPassphrase})
	}
	return ""
}

// errorLabel is a hidden, red, wrapping label for an inline error.
func errorLabel() *widget.Label {
	l := wrapLabel("")
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// boldLabel is a right-aligned bold label for the left column of a form.
func boldLabel(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
}
