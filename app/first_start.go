package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/shanhaifield/shanhai/demo"
)

// demoTimeout bounds loading the demo data set (a few hundred writes).
const demoTimeout = time.Minute

// loadDemo fills an empty store with the demo enterprises, off the UI
// goroutine, and refreshes every screen when done.
func (u *UI) loadDemo() {
	b := u.enterprises.demoButton
	b.Disable()
	b.SetText(lang.X("enterprises.demo_loading", "正在载入演示数据…"))
	u.background(func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, demoTimeout)
		defer cancel()
		n, err := demo.Load(ctx, u.svc, time.Now())
		slog.Info("demo data loaded", "enterprises", n, "err", err)
		return err
	}, func(err error) {
		b.Enable()
		b.SetText(lang.X("enterprises.demo", "载入演示数据"))
		if err != nil {
			u.showError(lang.X("enterprises.demo_failed", "载入演示数据失败"), err)
		}
		u.Refresh()
	})
}

// showError tells the user what failed in Chinese and logs it in English.
func (u *UI) showError(what string, err error) {
	slog.Error("ui action failed", "what", what, "err", err)
	dialog.ShowError(fmt.Errorf("%s：%w", what, err), u.window)
}

// runInBackground runs work on its own goroutine and then done on the UI
// goroutine, so a long store operation never freezes the window.
func runInBackground(ctx context.Context, work func(context.Context) error, done func(error)) {
	go func() {
		err := work(ctx)
		fyne.Do(func() { done(err) })
	}()
}
