package cli

import (
	"bytes"
	"fmt"
	"os"

	"github.com/shanhaifield/shanhai/storage"
	"golang.org/x/term"
)

// Environment variables that carry passphrases for scripts.
const (
	envPassphrase    = "SHANHAI_PASSPHRASE"
	envNewPassphrase = "SHANHAI_NEW_PASSPHRASE"
)

// errNoPassphrase: no passphrase in the environment and no terminal to ask.
var errNoPassphrase = &bilingualError{
	zh: "需要数据口令（联系人和走访记录加密保存）：请设置环境变量 SHANHAI_PASSPHRASE，或在终端中运行以输入口令",
	en: "a passphrase is needed to open or create the encrypted store: set SHANHAI_PASSPHRASE, or run on a terminal to be asked for it",
}

// storePassphrase is the passphrase to open the store probed: from
// SHANHAI_PASSPHRASE, else asked on the terminal, twice when it is a new
// one (no file yet, or a plaintext file about to be encrypted).
func (s *session) storePassphrase(p storage.Probe) ([]byte, error) {
	if v := s.getenv(envPassphrase); v != "" {
		return []byte(v), nil
	}
	if p.Exists && p.Encrypted {
		return s.ask("数据口令 / passphrase: ")
	}
	return s.askNew("设置数据口令（用于加密联系人和走访记录）/ set a passphrase (it encrypts contacts and visits): ")
}

// newPassphrase is a new passphrase from the first of envs that is set,
// else asked twice on the terminal.
func (s *session) newPassphrase(label string, envs ...string) ([]byte, error) {
	for _, e := range envs {
		if v := s.getenv(e); v != "" {
			return []byte(v), nil
		}
	}
	if _, ok := s.terminal(); !ok {
		return nil, &bilingualError{
			zh: fmt.Sprintf("需要新口令：请设置环境变量 %s，或在终端中运行", envs[0]),
			en: fmt.Sprintf("a new passphrase is needed: set %s, or run on a terminal to be asked for it", envs[0]),
		}
	}
	return s.askNew(label)
}

// terminal returns stdin's descriptor when stdin is a terminal.
func (s *session) terminal() (int, bool) {
	f, ok := s.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0, false
	}
	return int(f.Fd()), true
}

// ask reads one passphrase from the terminal without echo.
func (s *session) ask(label string) ([]byte, error) {
	fd, ok := s.terminal()
	if !ok {
		return nil, errNoPassphrase
	}
	fmt.Fprint(s.stderr, label)
	pass, err := term.ReadPassword(fd)
	fmt.Fprintln(s.stderr)
	if err != nil {
		return nil, fmt.Errorf("read passphrase: %w", err)
	}
	if len(pass) == 0 {
		return nil, &bilingualError{zh: "口令不能为空", en: "the passphrase is empty"}
	}
	return pass, nil
}

// askNew reads a new passphrase twice and checks both agree.
func (s *session) askNew(label string) ([]byte, error) {
	first, err := s.ask(label)
	if err != nil {
		return nil, err
	}
	again, err := s.ask("再输入一次 / again: ")
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(first, again) {
		return nil, &bilingualError{zh: "两次输入的口令不一致", en: "the two passphrases differ"}
	}
	return first, nil
}

const passphraseUsage = "passphrase   （新口令来自终端或 SHANHAI_NEW_PASSPHRASE / the new one from the terminal or SHANHAI_NEW_PASSPHRASE）"

// runPassphrase changes the store's passphrase: only the wrapped key is
// rewritten.
func runPassphrase(s *session, args []string) error {
	pos, err := s.parse(newFlagSet("passphrase"), args, passphraseUsage)
	if err != nil {
		return err
	}
	if err := noArgs(pos, passphraseUsage); err != nil {
		return err
	}
	st, old, err := s.openWithPassphrase()
	if err != nil {
		return err
	}
	defer st.Close()
	next, err := s.newPassphrase("新口令 / new passphrase: ", envNewPassphrase)
	if err != nil {
		return err
	}
	if err := st.ChangePassphrase(s.ctx, old, next); err != nil {
		return err
	}
	_, err = fmt.Fprintln(s.stdout, "口令已更改；以后请用新口令 / passphrase changed; use the new one from now on")
	return err
}
