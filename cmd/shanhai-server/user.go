package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/shanhaifield/shanhai/server/auth"
	"github.com/shanhaifield/shanhai/server/store"
)

// userAdd creates or replaces a user, reading the password from stdin so
// it never appears in the process list or shell history.
func userAdd(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs)
	name := fs.String("name", "", "user name (用户名)")
	zone := fs.String("zone", "", "zone ID the user works for (开发区)")
	role := fs.String("role", "staff", "staff, manager or admin")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of stdin")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case *name == "":
		return errors.New("--name 不能为空 (--name is required)")
	case *zone == "":
		return errors.New("--zone 不能为空 (--zone is required)")
	case !store.Role(*role).Valid():
		return fmt.Errorf("--role %q 无效，应为 staff、manager 或 admin (role must be staff, manager or admin)", *role)
	case !*fromStdin:
		return errors.New("请用 --password-stdin 从标准输入提供密码 (--password-stdin is required)")
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read password from stdin: %w", err)
	}
	password := strings.TrimRight(line, "\r\n")
	if len([]rune(password)) < 8 {
		return errors.New("密码至少 8 个字符 (password must be at least 8 characters)")
	}
	hash, err := auth.HashPassword(password, auth.DefaultParams)
	if err != nil {
		return err
	}
	s, _, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	u := store.User{Name: *name, Zone: *zone, Role: store.Role(*role), Hash: hash, Created: time.Now().UTC()}
	if err := s.PutUser(ctx, u); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已添加用户 user added: %s (zone %s, role %s)\n", u.Name, u.Zone, u.Role)
	return nil
}
