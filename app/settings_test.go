package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/shanhaifield/shanhai/assets"
)

// TestSettings chooses English and a zone (both kept in the preferences
// for the next start), and opens the about box with the font licence.
func TestSettings(t *testing.T) {
	store := openStore(t)
	u := newTestUI(t, store)
	test.Tap(u.nav.buttons[ScreenSettings])
	s := u.settings
	if s.data.Text != store.Path() || !strings.Contains(test.RenderToMarkup(u.Window().Canvas()), "数据文件") {
		t.Errorf("the data file %s is not shown", store.Path())
	}
	if LanguageFromPreferences(u.prefs) != LanguageSystem {
		t.Error("a fresh install does not follow the system language")
	}
	s.language.SetSelected("English")
	if got := LanguageFromPreferences(u.prefs); got != LanguageEnglish || !s.restart.Visible() {
		t.Errorf("language %q, restart note shown %v", got, s.restart.Visible())
	}
	s.language.SetSelected("简体中文")
	if got := LanguageFromPreferences(u.prefs); got != LanguageChinese {
		t.Errorf("language %q", got)
	}
	s.zone.SetSelected("浙江松阳经济开发区")
	if got := u.prefs.String(prefZone); got != "songyang" {
		t.Errorf("zone preference %q", got)
	}
	test.Tap(s.about)
	if s.aboutBox == nil {
		t.Fatal("no about box")
	}
	m := test.RenderToMarkup(u.Window().Canvas())
	first := strings.SplitN(strings.TrimSpace(assets.FontLicence()), "\n", 2)[0]
	if !strings.Contains(m, "SIL 开放字体许可证") || !strings.Contains(m, strings.TrimSpace(first)) {
		t.Errorf("about box lacks the licence (first line %q)", first)
	}
	if !u.shortcut(escapeKey{}) || u.dialog != nil || strings.Contains(test.RenderToMarkup(u.Window().Canvas()), "SIL 开放字体许可证") {
		t.Error("Esc did not close the about box")
	}
}
