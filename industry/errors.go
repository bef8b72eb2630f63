package industry

import (
	"errors"
	"fmt"
)

// reason is a validation failure with both the English text for logs and
// the Chinese text for the admin's screen.
type reason struct{ en, zh string }

// Error returns the English text, for logs.
func (r *reason) Error() string { return r.en }

// Reasons a table file is rejected; test for them with errors.Is.
var (
	ErrHeader        error = &reason{"header must be code,level,name,parent,note", "表头应为 code,level,name,parent,note"}
	ErrColumns       error = &reason{"row must have 5 columns", "每行应有 5 列"}
	ErrEncoding      error = &reason{"text is not valid UTF-8", "文本不是有效的 UTF-8 编码"}
	ErrLevel         error = &reason{"unknown level (want section, division, group or class)", "层级无效（应为 section、division、group 或 class）"}
	ErrShape         error = &reason{"code does not match its level", "代码与层级不符"}
	ErrRange         error = &reason{"division outside 01–97 or section outside A–T", "大类不在 01–97 或门类不在 A–T 范围内"}
	ErrName          error = &reason{"name is empty", "名称为空"}
	ErrDuplicate     error = &reason{"duplicate code", "代码重复"}
	ErrParent        error = &reason{"parent does not match the code", "上级代码与本代码不符"}
	ErrMissingParent error = &reason{"parent code is not in the table", "上级代码不在表中"}
	ErrEmptyTable    error = &reason{"table has no rows", "表中没有数据行"}
)

// ParseError is a rejected table file: the line (1-based, as an editor
// shows it) and code of the bad row, and the reason.
type ParseError struct {
	Line int    // 0 when the error concerns the whole file
	Code string // the row's code, if it had one
	Err  error  // one of the Err… reasons, or a CSV syntax error
}

// Error returns the English message, for logs.
func (e *ParseError) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("industry table: %v", e.Err)
	case e.Code == "":
		return fmt.Sprintf("industry table line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("industry table line %d (code %q): %v", e.Line, e.Code, e.Err)
}

// Unwrap returns the reason, so errors.Is(err, ErrDuplicate) works.
func (e *ParseError) Unwrap() error { return e.Err }

// Chinese returns the message for the UI, e.g. "行业分类表第 12 行（代码 3670）：代码重复".
func (e *ParseError) Chinese() string {
	msg := "文件格式错误"
	var r *reason
	if errors.As(e.Err, &r) {
		msg = r.zh
	}
	switch {
	case e.Line == 0:
		return "行业分类表：" + msg
	case e.Code == "":
		return fmt.Sprintf("行业分类表第 %d 行：%s", e.Line, msg)
	}
	return fmt.Sprintf("行业分类表第 %d 行（代码 %s）：%s", e.Line, e.Code, msg)
}
