package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/assets"
)

// PrefLanguage is the preference holding the user's interface language
// ("", "zh" or "en"); cmd/shanhai reads it before building the window,
// because Fyne cannot switch the language of a window already built.
const PrefLanguage = "ui.language"

// LanguageFromPreferences returns the language the user chose in
// 设置, LanguageSystem when none.
func LanguageFromPreferences(p fyne.Preferences) Language {
	switch Language(p.String(PrefLanguage)) {
	case LanguageChinese:
		return LanguageChinese
	case LanguageEnglish:
		return LanguageEnglish
	}
	return LanguageSystem
}

// pather is what a store that lives in a file offers; *storage.Store does.
type pather interface{ Path() string }

// settingsScreen is 设置: the data file, the interface language, the
// user's own zone, and the about box.
type settingsScreen struct {
	prefs    fyne.Preferences
	window   fyne.Window
	data     *widget.Label
	language *widget.RadioGroup
	restart  *widget.Label
	zone     *widget.Select
	zoneIDs  []string
	about    *widget.Button
	aboutBox *dialog.CustomDialog
	content  fyne.CanvasObject
	// body is the column under the scroll; UI adds the login form to it.
	body *fyne.Container
	// onZone runs after the user's zone changed.
	onZone func()
	// onDialog is told of each dialog shown, so Esc can close it.
	onDialog func(dialog.Dialog)
}

func newSettingsScreen(svc Services, ref *reference, prefs fyne.Preferences, w fyne.Window) *settingsScreen {
	s := &settingsScreen{prefs: prefs, window: w}
	path := lang.X("settings.no_path", "（内存中，未保存到文件）")
	if p, ok := svc.(pather); ok {
		path = p.Path()
	}
	s.data = widget.NewLabel(path)
	s.data.Wrapping = fyne.TextWrapBreak
	s.data.Selectable = true

	langs := []struct {
		value Language
		label string
	}{{LanguageSystem, lang.X("settings.lang_system", "跟随系统")}, {LanguageChinese, "简体中文"}, {LanguageEnglish, "English"}}
	var labels []string
	for _, l := range langs {
		labels = append(labels, l.label)
	}
	s.restart = widget.NewLabel(lang.X("settings.restart", "语言将在重新启动程序后生效。"))
	s.restart.Importance = widget.WarningImportance
	s.restart.Hide()
	s.language = widget.NewRadioGroup(labels, nil)
	current := LanguageFromPreferences(prefs)
	for _, l := range langs {
		if l.value == current {
			s.language.Selected = l.label
		}
	}
	s.language.OnChanged = func(label string) {
		for _, l := range langs {
			if l.label == label {
				prefs.SetString(PrefLanguage, string(l.value))
			}
		}
		s.restart.Show()
	}

	zoneNames := []string{lang.X("form.no_zone", "（未定）")}
	s.zoneIDs = []string{""}
	if ref.pack != nil {
		for _, z := range ref.pack.Zones() {
			zoneNames = append(zoneNames, z.Name)
			s.zoneIDs = append(s.zoneIDs, z.ID)
		}
	}
	s.zone = widget.NewSelect(zoneNames, nil)
	for i, id := range s.zoneIDs {
		if id == prefs.String(prefZone) {
			s.zone.Selected = zoneNames[i]
		}
	}
	s.zone.OnChanged = func(string) {
		if i := s.zone.SelectedIndex(); i >= 0 {
			prefs.SetString(prefZone, s.zoneIDs[i])
		}
		if s.onZone != nil {
			s.onZone()
		}
	}
	s.about = widget.NewButtonWithIcon(lang.X("settings.about", "关于本程序"), theme.InfoIcon(), s.showAbout)

	bold := func(text string) *widget.Label {
		return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	form := container.New(layout.NewFormLayout(),
		bold(lang.X("settings.data", "数据文件")), s.data,
		bold(lang.X("settings.language", "界面语言")), container.NewVBox(s.language, s.restart),
		bold(lang.X("settings.zone", "本人所在开发区")), s.zone,
		bold(lang.X("settings.theme", "外观")), widget.NewLabel(lang.X("settings.theme_note", "浅色/深色跟随系统设置")),
	)
	title := widget.NewLabelWithStyle(lang.X("nav.settings", "设置"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.body = container.NewVBox(title, form, container.NewHBox(s.about))
	s.content = container.NewVScroll(s.body)
	return s
}

// addSection puts a headed section before the about button and returns
// it, so that a section with nothing to offer can be hidden.
func (s *settingsScreen) addSection(title string, obj fyne.CanvasObject) *fyne.Container {
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	section := container.NewVBox(widget.NewSeparator(), head, obj)
	last := len(s.body.Objects) - 1
	objs := append([]fyne.CanvasObject{}, s.body.Objects[:last]...)
	s.body.Objects = append(objs, section, s.body.Objects[last])
	s.body.Refresh()
	return section
}

// showAbout shows the program's name and the bundled font's licence,
// which the SIL Open Font License requires to travel with the font.
func (s *settingsScreen) showAbout() {
	head := widget.NewLabelWithStyle(lang.X("app.title", "山海招商外勤"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	font := widget.NewLabel(lang.X("settings.font", "界面字体：思源黑体（Noto Sans SC）子集，按 SIL 开放字体许可证 1.1 随程序分发："))
	font.Wrapping = fyne.TextWrapWord
	licence := widget.NewLabel(assets.FontLicence())
	licence.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(container.NewVBox(head, font), nil, nil, nil, container.NewVScroll(licence))
	s.aboutBox = dialog.NewCustom(lang.X("settings.about", "关于本程序"), lang.X("settings.close", "关闭"), body, s.window)
	s.aboutBox.Resize(fyne.NewSize(720, 520))
	s.aboutBox.Show()
	if s.onDialog != nil {
		s.onDialog(s.aboutBox)
	}
}
