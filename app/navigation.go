package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Screen names one screen of the main window, for UI.Show.
type Screen string

// The screens, in the order of the navigation column.
const (
	ScreenEnterprises Screen = "enterprises" // 企业
	ScreenTasks       Screen = "tasks"       // 待办
	ScreenZones       Screen = "zones"       // 开发区
	ScreenSync        Screen = "sync"        // 同步
	ScreenSettings    Screen = "settings"    // 设置
	// ScreenDetail is the detail of the first listed enterprise; it has
	// no navigation button and exists for screenshots and tests.
	ScreenDetail Screen = "detail"
	// ScreenDetailHistory is that detail on its 历史 tab.
	ScreenDetailHistory Screen = "detail-history"
	// ScreenNewEnterprise opens the new-enterprise form over the list.
	ScreenNewEnterprise Screen = "new"
	// ScreenScreeningRun screens the first listed enterprise, to show a
	// filled verdict table.
	ScreenScreeningRun Screen = "screening-run"
)

// screen is one entry of the left navigation and what it shows.
type screen struct {
	key     Screen
	title   string
	icon    fyne.Resource
	content fyne.CanvasObject
}

// navigation is the left column of buttons and the area that shows the
// selected screen.
type navigation struct {
	screens []screen
	buttons map[Screen]*widget.Button
	current Screen
	content fyne.CanvasObject // the button column
	stack   *fyne.Container   // the selected screen
}

func newNavigation(screens []screen) *navigation {
	n := &navigation{screens: screens, buttons: map[Screen]*widget.Button{}, stack: container.NewStack()}
	column := container.NewVBox()
	for _, s := range screens {
		b := widget.NewButtonWithIcon(s.title, s.icon, func() { n.show(s.key) })
		b.Alignment = widget.ButtonAlignLeading
		n.buttons[s.key] = b
		column.Add(b)
	}
	n.content = column
	if len(screens) > 0 {
		n.show(screens[0].key)
	}
	return n
}

// show puts the screen named key in the content area and marks its button.
func (n *navigation) show(key Screen) {
	for _, s := range n.screens {
		if s.key != key {
			continue
		}
		n.showContent(key, s.content)
		return
	}
}

// showContent puts obj in the content area under the screen named key: a
// page reached from that screen, such as an enterprise's detail.
func (n *navigation) showContent(key Screen, obj fyne.CanvasObject) {
	n.current = key
	n.stack.Objects = []fyne.CanvasObject{obj}
	n.stack.Refresh()
	for k, b := range n.buttons {
		b.Importance = widget.LowImportance
		if k == key {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
}
