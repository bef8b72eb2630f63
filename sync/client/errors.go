package client

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// Errors callers test for with errors.Is.
var (
	// ErrNotLoggedIn: no server or token is stored; run login first.
	ErrNotLoggedIn = errors.New("not logged in: run shanhai login first")
	// ErrUnauthorized: the token is missing, forged or expired; log in
	// again. The outbox is kept.
	ErrUnauthorized = errors.New("the server refused the token: log in again")
	// ErrBadLogin: wrong user name or password.
	ErrBadLogin = errors.New("wrong user name or password")
	// ErrOutdated: the server speaks another protocol version; the client
	// must be upgraded before it syncs again.
	ErrOutdated = errors.New("client protocol is outdated: upgrade shanhai")
	// ErrResetRequired: the pull cursor is older than the server's
	// tombstone retention. Sync handles it by pulling again from 0.
	ErrResetRequired = errors.New("too far behind the server: pull again from the beginning")
)

// ServerError is a non-2xx answer, with the server's explanation.
type ServerError struct {
	Status int
	Code   string
	Zh     string
	En     string
}

// Error names the status and the server's English explanation.
func (e *ServerError) Error() string {
	if e.En == "" {
		return fmt.Sprintf("server answered %d %s", e.Status, http.StatusText(e.Status))
	}
	return fmt.Sprintf("server answered %d %s: %s", e.Status, e.Code, e.En)
}

// Is maps statuses to the sentinel errors.
func (e *ServerError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.Status == http.StatusUnauthorized && e.Code != "bad_login"
	case ErrBadLogin:
		return e.Status == http.StatusUnauthorized && e.Code == "bad_login"
	case ErrOutdated:
		return e.Status == http.StatusUpgradeRequired
	case ErrResetRequired:
		return e.Status == http.StatusGone && e.Code == protocol.CodeResetRequired
	}
	return false
}

// Retryable reports whether trying the same request later may succeed:
// network errors and server-side failures, not refusals.
func Retryable(err error) bool {
	var se *ServerError
	if errors.As(err, &se) {
		// out_of_order: a pipelined batch whose predecessor failed; the
		// next sync sends from the first unsent change again.
		return se.Status >= 500 || se.Status == http.StatusTooManyRequests || se.Code == protocol.CodeOutOfOrder
	}
	return !errors.Is(err, ErrNotLoggedIn)
}

// Message returns what to show a user (Chinese) and log (English).
func Message(err error) (zh, en string) {
	if err == nil {
		return "", ""
	}
	en = err.Error()
	var se *ServerError
	switch {
	case errors.Is(err, ErrNotLoggedIn):
		zh = "尚未登录同步服务器，请先运行 shanhai login"
	case errors.Is(err, ErrOutdated):
		zh = "客户端同步协议版本与服务器不一致，请升级山海外勤客户端后再同步；本机未同步的修改不会丢失。"
		if errors.As(err, &se) && se.Zh != "" {
			zh = se.Zh
		}
	case errors.Is(err, ErrUnauthorized):
		zh = "登录已过期或无效，请重新登录；本机未同步的修改不会丢失。"
	case errors.Is(err, ErrBadLogin):
		zh = "用户名或密码错误"
	case errors.As(err, &se) && se.Zh != "":
		zh = se.Zh
	case errors.As(err, &se):
		zh = fmt.Sprintf("服务器出错（%d），稍后自动重试；本机修改不会丢失。", se.Status)
	default:
		zh = "无法连接同步服务器，稍后自动重试；本机修改不会丢失。"
	}
	return zh, en
}
