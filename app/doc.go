// Package app is the desktop user interface of Shanhai Field (山海招商外勤):
// the main window, its screens, the bundled-font theme and the
// translations.
//
// Screens: 企业 (list with search and stage filter, first-start demo/import
// offer, detail with 概况/联系人/走访/项目需求/筛查/历史 tabs), new/edit forms
// with inline validation, duplicate warning and drafts kept in the
// preferences, 走访 quick visit entry, 筛查 screening with save and 转介,
// 共引 referrals, 待办 follow-ups, 开发区 zones (read-only), 同步
// (state, 立即同步, conflict review, refused changes) and 设置 (with the
// sync server login, 导入 and the 出差走访报告 and 一周一报 PDF reports).
// 导入 reads a .xlsx or .csv file, shows the dry run (counts and rejected
// rows, which can be saved as a workbook) and commits on 确认导入; the
// 筛查 tab of the detail exports each stored screening as a PDF. Import
// and reports reach the store through Importer and Reporter, which only a
// real *storage.Store provides. The bottom bar shows the sync state and the number
// of changes waiting to be synced. The UI reaches the sync client only
// through Syncer (ClientSyncer is the real one); cmd/shanhai runs the
// background loop and feeds its reports to UI.SyncStatus.
//
// Keyboard: Ctrl+N new enterprise, Ctrl+F search, Ctrl+S (or Ctrl+Enter)
// save the open form or quick visit, Esc close the open dialog. Entries
// forward these to the window (see keyEntry), because a focused Fyne
// entry otherwise swallows every shortcut.
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
