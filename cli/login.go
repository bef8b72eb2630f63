package cli

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/shanhaifield/shanhai/storage"
	"github.com/shanhaifield/shanhai/sync/client"
)

const loginUsage = "login --server URL --user NAME --password-stdin"

// runLogin logs in to the sync server and keeps the token in the store.
// The password comes from stdin only, so it never shows in the process
// list or the shell history.
func runLogin(s *session, args []string) error {
	fs := newFlagSet("login")
	server := fs.String("server", "", "同步服务器地址 / sync server URL, e.g. https://sync.example.cn")
	user := fs.String("user", "", "用户名 / user name")
	fromStdin := fs.Bool("password-stdin", false, "从标准输入读取密码 / read the password from stdin")
	pos, err := s.parse(fs, args, loginUsage)
	if err != nil {
		return err
	}
	if err := noArgs(pos, loginUsage); err != nil {
		return err
	}
	if *server == "" || *user == "" || !*fromStdin {
		return usageErrorf("需要 --server、--user 和 --password-stdin / --server, --user and --password-stdin are required; usage: shanhai %s", loginUsage)
	}
	line, err := bufio.NewReader(s.stdin).ReadString('\n')
	password := strings.TrimRight(line, "\r\n")
	if password == "" {
		return &bilingualError{zh: "标准输入中没有密码", en: fmt.Sprintf("no password on stdin: %v", err)}
	}
	return s.withStore(func(st *storage.Store) error {
		lr, err := client.New(st, client.Options{Log: s.log}).Login(s.ctx, *server, *user, password)
		if err != nil {
			return syncError(err)
		}
		_, err = fmt.Fprintf(s.stdout, "已登录 / logged in: %s（%s，%s）@ %s\n", lr.Name, lr.Zone, lr.Role, *server)
		return err
	})
}

// syncError gives a sync failure its Chinese explanation.
func syncError(err error) error {
	zh, en := client.Message(err)
	return &bilingualError{zh: zh, en: en}
}
