package app

import (
	"embed"
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"
)

//go:embed translations/*.json
var translationFS embed.FS

const translationDir = "translations"

// Language is the user's choice of interface language.
type Language string

// Interface languages. LanguageSystem follows the operating system, except
// that any language other than English is shown in Chinese: the app is for
// Chinese staff, and Chinese is the language every string exists in first.
const (
	LanguageSystem  Language = ""
	LanguageChinese Language = "zh"
	LanguageEnglish Language = "en"
)

// LoadTranslations registers the app's strings with Fyne's lang package
// and picks the language. Call it once at start-up, before building the
// UI; Fyne has no way to switch language of windows already built.
func LoadTranslations(choice Language) error {
	if err := lang.AddTranslationsFS(translationFS, translationDir); err != nil {
		return fmt.Errorf("load translations: %w", err)
	}
	switch choice {
	case LanguageChinese:
		return forceLanguage("zh_Hans.json")
	case LanguageEnglish:
		return forceLanguage("en.json")
	}
	if strings.HasPrefix(string(lang.SystemLocale()), "en") {
		return nil
	}
	return forceLanguage("zh_Hans.json")
}

// forceLanguage registers one file under the system locale, because Fyne
// picks translations only by matching the system locale and offers no
// setter. Fyne's own strings (dialog buttons) keep the system language.
func forceLanguage(file string) error {
	data, err := translationFS.ReadFile(translationDir + "/" + file)
	if err != nil {
		return fmt.Errorf("read translation %s: %w", file, err)
	}
	if err := lang.AddTranslationsForLocale(data, lang.SystemLocale()); err != nil {
		return fmt.Errorf("add translation %s: %w", file, err)
	}
	return nil
}
