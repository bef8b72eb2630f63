package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// usageError is a command line that cannot be run as written (exit 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// reportedError is a failure whose details were already written to
// stderr; only the exit code is left to give.
type reportedError struct{ code int }

func (e *reportedError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// errReported is the usual reportedError: a data failure already shown.
var errReported error = &reportedError{code: ExitFailure}

// report writes err for the user and returns the exit code.
func (s *session) report(err error) int {
	var re *reportedError
	var ue *usageError
	var ve *record.ValidationError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &re):
		return re.code
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(s.stderr, "用法错误 / usage error: %s\n运行 shanhai help 查看用法 / run 'shanhai help' for usage\n", ue.msg)
		return ExitUsage
	case errors.As(err, &ve):
		writeProblems(s.stderr, ve.Kind, ve.Problems)
		return ExitFailure
	}
	s.log.Debug("command failed", "err", err)
	zh, en := describeError(err)
	fmt.Fprintf(s.stderr, "错误：%s\nerror: %s\n", zh, en)
	return ExitFailure
}

// bilingualError is a failure the command explains itself, in both
// languages.
type bilingualError struct{ zh, en string }

func (e *bilingualError) Error() string { return e.en }

// describeError gives the Chinese and English text of a failure.
func describeError(err error) (zh, en string) {
	var de *storage.DuplicateError
	var be *bilingualError
	switch {
	case errors.As(err, &be):
		return be.zh, be.en
	case errors.As(err, &de):
		return "统一社会信用代码已被记录 " + de.ID + " 使用", err.Error()
	case errors.Is(err, storage.ErrNotFound):
		return "找不到记录", err.Error()
	case errors.Is(err, storage.ErrNoParent):
		return "所属企业不存在（enterprise_id）", err.Error()
	case errors.Is(err, storage.ErrInUse):
		return "数据文件正被另一个程序使用，请先关闭它", err.Error()
	case errors.Is(err, storage.ErrTooNew):
		return "数据文件来自更新版本的程序，请升级", err.Error()
	case errors.Is(err, storage.ErrUnknownField):
		return "没有这个字段", err.Error()
	case errors.Is(err, context.Canceled):
		return "已取消", err.Error()
	}
	return "操作失败", err.Error()
}

// writeProblems lists every problem of a record, each in Chinese and
// English with the field's label.
func writeProblems(w io.Writer, kind record.Kind, probs record.Problems) {
	for _, p := range probs {
		writeProblem(w, "", kind, p)
	}
}

// writeProblem writes one problem line, prefixed (e.g. with a line number).
func writeProblem(w io.Writer, prefix string, kind record.Kind, p record.Problem) {
	tag := "错误 / error"
	if p.Severity == record.Warning {
		tag = "警告 / warning"
	}
	name := p.Field
	if zh, _ := fieldLabel(kind, p.Field); zh != "" && zh != p.Field {
		name = p.Field + "（" + zh + "）"
	}
	if name == "" {
		name = "记录 / record"
	}
	fmt.Fprintf(w, "%s%s: %s: %s / %s\n", prefix, tag, name, strings.TrimSpace(p.Zh), strings.TrimSpace(p.En))
}
