// Package app is the desktop user interface of Shanhai Field (山海招商外勤):
// the main window, its screens, the bundled-font theme and the
// translations.
//
// The package uses only Fyne's toolkit packages (widget, container, theme,
// lang), never fyne.io/fyne/v2/app, so it builds and its tests run without
// cgo, X11 headers or a display. The one place that creates the real
// application is cmd/shanhai.
//
// Chinese (简体中文) is the primary language: every string is written in
// translations/zh_Hans.json first, its lang.X fallback in the code is the
// same Chinese text, and translations/en.json carries the English.
package app
