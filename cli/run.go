// Package cli is the headless command line of the desktop binary: add,
// edit, list, show, search, import and export field records in the local
// store without the window. It does not import Fyne, so it builds and is
// tested without cgo.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/user"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/shanhaifield/shanhai/sealing"
	"github.com/shanhaifield/shanhai/storage"
)

// Exit codes of Run.
const (
	ExitOK      = 0 // success
	ExitFailure = 1 // bad data, not found, inconsistencies
	ExitUsage   = 2 // unknown command or flag, missing argument
)

// Global holds the flags that come before the command.
type Global struct {
	DataDir string // --data, else $SHANHAI_DATA, else storage.DefaultDir()
	Author  string // --author, else $SHANHAI_USER, else the OS user name
	Verbose bool   // --verbose: debug logs on stderr
}

// ParseGlobal reads the global flags from args and returns them with the
// rest of the command line (the command and its arguments). getenv is
// os.Getenv in production; tests pass their own.
func ParseGlobal(args []string, getenv func(string) string) (Global, []string, error) {
	var g Global
	fs := flag.NewFlagSet("shanhai", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&g.DataDir, "data", "", "数据目录 / data directory")
	fs.StringVar(&g.Author, "author", "", "作者 / author of changes")
	fs.BoolVar(&g.Verbose, "verbose", false, "调试日志 / debug logs")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return g, []string{"help"}, nil
		}
		return g, nil, usageErrorf("%v", err)
	}
	if g.DataDir == "" {
		g.DataDir = getenv("SHANHAI_DATA")
	}
	if g.DataDir == "" {
		dir, err := storage.DefaultDir()
		if err != nil {
			return g, nil, fmt.Errorf("data directory: %w", err)
		}
		g.DataDir = dir
	}
	if g.Author == "" {
		g.Author = getenv("SHANHAI_USER")
	}
	if g.Author == "" {
		if u, err := user.Current(); err == nil {
			g.Author = u.Username
		}
	}
	return g, fs.Args(), nil
}

// StorePath is the store file inside a data directory.
func StorePath(dataDir string) string { return filepath.Join(dataDir, storage.FileName) }

// session is one run of one command: where it reads, writes and logs.
type session struct {
	ctx    context.Context
	g      Global
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
	getenv func(string) string
	// keyCost is the argon2id cost of new passphrases (Runner.KeyCost).
	keyCost sealing.Params
}

// command runs one subcommand with its arguments.
type command struct {
	run     func(s *session, args []string) error
	usage   string // one line: arguments
	summary string // Chinese / English
}

// commands is the table of subcommands; a function, not a variable, so
// that no package state can be changed.
func commands() map[string]command {
	return map[string]command{
		"add":       {runAdd, addUsage, "新增记录 / add a record"},
		"edit":      {runEdit, editUsage, "修改字段 / change fields of a record"},
		"delete":    {runDelete, deleteUsage, "删除记录（企业连同其下记录）/ delete a record (an enterprise with its children)"},
		"list":      {runList, listUsage, "列出记录 / list records"},
		"show":      {runShow, showUsage, "查看记录 / show a record"},
		"search":    {runSearch, searchUsage, "搜索（支持拼音首字母）/ search, pinyin initials too"},
		"import":    {runImport, importUsage, "导入 Excel、CSV 或 JSON 行（可预览、可映射列）/ import xlsx, csv or JSON lines (dry run, column mapping)"},
		"export":    {runExport, exportUsage, "导出 / export"},
		"doctor":    {runDoctor, doctorUsage, "检查数据一致性 / check the store for inconsistencies"},
		"check":     {runCheck, checkUsage, "筛查：产业定位、生态门槛、用地效率、选址 / screen a candidate against zones"},
		"rules":     {runRules, rulesUsage, "规则包：查看或导入新版 / show or import the rule pack"},
		"refer":     {runRefer, referUsage, "项目共引：转介到其他开发区，或答复转介 / refer to another zone, or answer a referral"},
		"report":    {runReport, reportUsage, "PDF 报告：筛查报告、出差走访报告、一周一报 / PDF reports: screening, trip, weekly"},
		"login":     {runLogin, loginUsage, "登录同步服务器 / log in to the sync server"},
		"sync":      {runSync, syncUsage, "与服务器同步一次 / sync with the server once"},
		"status":    {runStatus, statusUsage, "同步状态 / sync status"},
		"conflicts": {runConflicts, conflictsUsage, "查看同步冲突 / list sync conflicts"},
		"resolve":   {runResolve, resolveUsage, "解决冲突 / resolve a conflict"},
		"version":   {runVersion, "version", "版本 / version"},
		"retention": {runRetention, retentionUsage, "个人信息保存期限复核 / review contacts past their retention period or without a legal basis"},
		"erase":     {runErase, eraseUsage, "彻底删除联系人个人信息（不可恢复，同步到服务器）/ erase a contact for real (irreversible, synced)"},
		// Encryption at rest (issue 7).
		"passphrase":        {runPassphrase, passphraseUsage, "更改数据口令 / change the store's passphrase"},
		"backup":            {runBackup, backupUsage, "加密备份数据文件 / write an encrypted backup of the store"},
		"restore":           {runRestore, restoreUsage, "从加密备份恢复（旧文件保留）/ restore an encrypted backup (the old file is kept)"},
		"forgot-passphrase": {runForgot, forgotUsage, "忘记口令：说明损失，另起新数据文件 / forgotten passphrase: what is lost, start a new store"},
		"help":              {runHelp, "help [COMMAND]", "帮助 / help"},
	}
}

// Run runs one command line (without the program name) with the
// process environment and returns the exit code: ExitOK, ExitFailure or
// ExitUsage. It never panics: a bug below it is reported as a failure
// with its stack in the log.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return Runner{Getenv: os.Getenv}.Run(ctx, args, stdin, stdout, stderr)
}

// Runner runs command lines with an environment and key cost of its own;
// the package-level Run is Runner{Getenv: os.Getenv}.
type Runner struct {
	// Getenv reads environment variables (SHANHAI_DATA, SHANHAI_PASSPHRASE…).
	Getenv func(string) string
	// KeyCost is the argon2id cost of passphrases; zero means
	// sealing.DefaultParams(). Tests set sealing.LowCostParams().
	KeyCost sealing.Params
}

// Run is the package-level Run with r's environment and key cost.
func (r Runner) Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	getenv := r.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	g, rest, err := ParseGlobal(args, getenv)
	s := &session{ctx: ctx, g: g, stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv, keyCost: r.KeyCost}
	s.log = newLogger(stderr, g.Verbose)
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("internal error", "panic", r, "stack", string(debug.Stack()))
			fmt.Fprintf(stderr, "内部错误 / internal error: %v\n", r)
			code = ExitFailure
		}
	}()
	if err != nil {
		return s.report(err)
	}
	if len(rest) == 0 {
		rest = []string{"help"}
	}
	cmd, ok := commands()[rest[0]]
	if !ok {
		return s.report(usageErrorf("未知命令「%s」/ unknown command %q", rest[0], rest[0]))
	}
	return s.report(cmd.run(s, rest[1:]))
}

func newLogger(w io.Writer, verbose bool) *slog.Logger {
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

// open opens the store of this session with its passphrase; the caller
// closes it. A new store is created encrypted and a plaintext one is
// encrypted now (PIPL art. 51): both ask for a new passphrase.
func (s *session) open() (*storage.Store, error) {
	st, _, err := s.openWithPassphrase()
	return st, err
}

// openWithPassphrase is open, also returning the passphrase it used.
func (s *session) openWithPassphrase() (*storage.Store, []byte, error) {
	path := StorePath(s.g.DataDir)
	s.log.Debug("open store", "path", path, "author", s.g.Author)
	probe, err := storage.ProbeFile(s.ctx, path)
	if err != nil {
		return nil, nil, fmt.Errorf("open store %s: %w", path, err)
	}
	pass, err := s.storePassphrase(probe)
	if err != nil {
		return nil, nil, err
	}
	if probe.Exists && !probe.Encrypted {
		fmt.Fprintln(s.stderr, "正在加密数据文件（首次使用口令）… / encrypting the store (first open with a passphrase)…")
	}
	st, err := storage.Open(s.ctx, path, storage.Options{Author: s.g.Author, Passphrase: pass, KeyCost: s.keyCost})
	if errors.Is(err, storage.ErrWrongPassphrase) {
		return nil, nil, &bilingualError{zh: "口令不对（SHANHAI_PASSPHRASE 或输入的口令）；忘记口令见 shanhai forgot-passphrase",
			en: fmt.Sprintf("wrong passphrase for %s (SHANHAI_PASSPHRASE or the one typed); forgotten it? see 'shanhai forgot-passphrase'", path)}
	}
	if err != nil {
		return nil, nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return st, pass, nil
}

// withStore opens the store, runs fn and closes the store, keeping the
// first error.
func (s *session) withStore(fn func(st *storage.Store) error) (err error) {
	st, err := s.open()
	if err != nil {
		return err
	}
	defer func() {
		if cerr := st.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	return fn(st)
}
