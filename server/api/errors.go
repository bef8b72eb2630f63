package api

import (
	"encoding/json"
	"net/http"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// apiError is an error answer: HTTP status plus the bilingual body.
type apiError struct {
	status int
	body   protocol.Error
}

var (
	errUnauthorized = apiError{http.StatusUnauthorized, protocol.Error{Code: "unauthorized",
		Zh: "登录已失效或凭证无效，请重新登录", En: "missing, forged or expired token; log in again"}}
	errBadLogin = apiError{http.StatusUnauthorized, protocol.Error{Code: "bad_login",
		Zh: "用户名或密码错误", En: "wrong user name or password"}}
	errRateLimited = apiError{http.StatusTooManyRequests, protocol.Error{Code: "rate_limited",
		Zh: "登录尝试过于频繁，请 15 分钟后再试", En: "too many login attempts; try again in 15 minutes"}}
	errInternal = apiError{http.StatusInternalServerError, protocol.Error{Code: "server_error",
		Zh: "服务器内部错误，请稍后重试，未同步的修改仍保留在本机", En: "internal server error; retry later"}}
	errNotFound = apiError{http.StatusNotFound, protocol.Error{Code: "not_found",
		Zh: "接口不存在", En: "no such endpoint"}}
)

func badRequest(en string) apiError {
	return apiError{http.StatusBadRequest, protocol.Error{Code: "bad_request",
		Zh: "请求格式错误：" + en, En: en}}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, e apiError) {
	writeJSON(w, e.status, e.body)
}
