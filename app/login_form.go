package app

import (
	"context"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/sync/client"
)

// loginForm is the sync server login in 设置.
type loginForm struct {
	ctx    context.Context
	syncer Syncer // nil until SetSyncer
	// background runs Login and Logout off the UI goroutine.
	background func(work func(context.Context) error, done func(error))

	server, user  *widget.Entry
	password      *widget.Entry
	login, logout *widget.Button
	message       *widget.Label
	content       fyne.CanvasObject
	// onChange runs after a login or logout succeeded.
	onChange func()
}

func newLoginForm(ctx context.Context) *loginForm {
	f := &loginForm{ctx: ctx, server: widget.NewEntry(), user: widget.NewEntry(), password: widget.NewPasswordEntry(),
		message: wrapLabel("")}
	f.message.Hide()
	f.server.SetPlaceHolder(lang.X("login.server_hint", "如 https://sync.example.cn"))
	f.login = widget.NewButton(lang.X("login.login", "登录"), f.doLogin)
	f.login.Importance = widget.HighImportance
	f.logout = widget.NewButton(lang.X("login.logout", "退出登录"), f.doLogout)
	f.password.OnSubmitted = func(string) { f.doLogin() }
	bold := func(text string) *widget.Label {
		return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	form := container.New(layout.NewFormLayout(),
		bold(lang.X("login.server", "同步服务器")), f.server,
		bold(lang.X("login.user", "用户名")), f.user,
		bold(lang.X("login.password", "密码")), f.password,
	)
	f.content = container.NewVBox(form, container.NewHBox(f.login, f.logout), f.message)
	f.reload()
	return f
}

// reload fills the server and user kept from the last login and enables
// the button that applies.
func (f *loginForm) reload() {
	if f.syncer == nil {
		f.login.Disable()
		f.logout.Disable()
		return
	}
	ctx, cancel := context.WithTimeout(f.ctx, queryTimeout)
	defer cancel()
	st, err := f.syncer.State(ctx)
	if err != nil {
		slog.Error("read sync state", "err", err)
	}
	if f.server.Text == "" {
		f.server.SetText(st.Server)
	}
	if f.user.Text == "" {
		f.user.SetText(st.User)
	}
	f.login.Enable()
	f.logout.Disable()
	if st.Token != "" {
		f.logout.Enable()
		showText(f.message, lang.X("login.logged_in", "已登录：{{.User}} @ {{.Server}}", map[string]any{"User": st.User, "Server": st.Server}))
	}
}

// doLogin logs in with the entered server, user and password; failures
// are shown in Chinese.
func (f *loginForm) doLogin() {
	if f.syncer == nil {
		return
	}
	server, user, password := f.server.Text, f.user.Text, f.password.Text
	f.login.Disable()
	showText(f.message, lang.X("login.running", "正在登录…"))
	f.background(func(ctx context.Context) error { return f.syncer.Login(ctx, server, user, password) }, func(err error) {
		f.login.Enable()
		if err != nil {
			zh, en := client.Message(err)
			slog.Warn("login failed", "server", server, "user", user, "err", en)
			showText(f.message, lang.X("login.failed", "登录失败：{{.Error}}", map[string]any{"Error": zh}))
			return
		}
		f.password.SetText("")
		f.reload()
		if f.onChange != nil {
			f.onChange()
		}
	})
}

// doLogout forgets the token.
func (f *loginForm) doLogout() {
	if f.syncer == nil {
		return
	}
	f.background(f.syncer.Logout, func(err error) {
		if err != nil {
			slog.Error("logout", "err", err)
			showText(f.message, lang.X("login.logout_failed", "退出登录失败：{{.Error}}", map[string]any{"Error": err.Error()}))
			return
		}
		showText(f.message, lang.X("login.logged_out", "已退出登录；本机数据和未同步的修改都保留。"))
		f.reload()
		if f.onChange != nil {
			f.onChange()
		}
	})
}
