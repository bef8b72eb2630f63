package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/shanhaifield/shanhai/record"
)

// addShortcuts registers the window's keyboard shortcuts for when no
// entry has the focus; keyEntry forwards them when one has.
func (u *UI) addShortcuts() {
	c := u.window.Canvas()
	for _, k := range []fyne.KeyName{fyne.KeyN, fyne.KeyF, fyne.KeyS, fyne.KeyReturn, fyne.KeyEnter} {
		c.AddShortcut(ctrl(k), func(s fyne.Shortcut) { u.shortcut(s) })
	}
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			u.shortcut(escapeKey{})
		}
	})
}

// shortcut carries out a keyboard shortcut and reports whether it used
// it: Ctrl+N new enterprise, Ctrl+F search, Ctrl+S (or Ctrl+Enter) save
// the open form or quick visit, Esc close the open form.
func (u *UI) shortcut(s fyne.Shortcut) bool {
	if _, ok := s.(escapeKey); ok {
		switch {
		case u.form != nil:
			u.form.close(true)
		case u.dialog != nil:
			u.dialog.Hide()
			u.dialog = nil
		default:
			return false
		}
		return true
	}
	switch {
	case isCtrl(s, fyne.KeyS, fyne.KeyReturn, fyne.KeyEnter):
		if u.form != nil {
			u.form.submit()
			return true
		}
		return u.saveCurrent()
	case isCtrl(s, fyne.KeyN):
		u.newEnterprise()
		return true
	case isCtrl(s, fyne.KeyF):
		u.Show(ScreenEnterprises)
		u.window.Canvas().Focus(u.enterprises.search)
		return true
	}
	return false
}

// saveCurrent saves the screen shown, for screens with a save action.
func (u *UI) saveCurrent() bool {
	if u.nav.current == ScreenVisit {
		u.visit.submit()
		return true
	}
	return false
}

// newEnterprise opens the form for a new enterprise; once saved, its
// detail is shown.
func (u *UI) newEnterprise() {
	base := &record.Enterprise{Stage: record.StageLead}
	u.openForm(lang.X("form.new_enterprise", "新建企业"), base, enterpriseSpecs(u.ref), true, func(rec record.Record) {
		u.Refresh()
		u.openEnterprise(rec.Header().ID)
	})
}

// editEnterprise opens the form for the enterprise shown in the detail.
func (u *UI) editEnterprise() {
	if u.detail.ent == nil {
		return
	}
	u.openForm(lang.X("form.edit_enterprise", "编辑企业"), u.detail.ent, enterpriseSpecs(u.ref), false, func(rec record.Record) {
		u.Refresh()
		u.openEnterprise(rec.Header().ID)
	})
}

// addChild opens the form for a new contact, visit or project of the
// enterprise shown in the detail.
func (u *UI) addChild(kind record.Kind) {
	if u.detail.ent == nil {
		return
	}
	id := u.detail.ent.ID
	var base record.Record
	var specs []fieldSpec
	var title string
	switch kind {
	case record.KindContact:
		base, specs, title = &record.Contact{EnterpriseID: id, LegalBasis: record.BasisPublic}, contactSpecs(), lang.X("form.new_contact", "新建联系人")
	case record.KindVisit:
		base, specs, title = &record.Visit{EnterpriseID: id, Date: today()}, visitSpecs(), lang.X("form.new_visit", "新建走访记录")
	case record.KindProject:
		base, specs, title = &record.Project{EnterpriseID: id}, projectSpecs(), lang.X("form.new_project", "新建项目需求")
	default:
		return
	}
	u.openForm(title, base, specs, true, func(record.Record) {
		u.Refresh()
		u.openEnterprise(id)
	})
}

// today is the local date as records store it.
func today() string { return time.Now().Format(time.DateOnly) }

// trackDialog remembers d as the dialog Esc closes, until it closes.
func (u *UI) trackDialog(d dialog.Dialog) {
	u.dialog = d
	d.SetOnClosed(func() {
		if u.dialog == d {
			u.dialog = nil
		}
	})
}

// editChild opens the form for a stored contact, visit or project.
func (u *UI) editChild(rec record.Record) {
	var specs []fieldSpec
	switch rec.Kind() {
	case record.KindContact:
		specs = contactSpecs()
	case record.KindVisit:
		specs = visitSpecs()
	case record.KindProject:
		specs = projectSpecs()
	default:
		return
	}
	c, ok := rec.(record.Child)
	if !ok {
		return
	}
	id := c.Parent()
	u.openForm(lang.X("form.edit_child", "编辑{{.Kind}}", map[string]any{"Kind": kindLabel(rec.Kind())}), rec, specs, false, func(record.Record) {
		u.Refresh()
		u.openEnterprise(id)
	})
}
