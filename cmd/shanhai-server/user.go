package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/shanhaifield/shanhai/server/auth"
	"github.com/shanhaifield/shanhai/server/store"
)

const userUsage = "用法 usage: shanhai-server user add --name U --zone Z --role staff|manager|admin --password-stdin\n" +
	"       shanhai-server user list\n" +
	"       shanhai-server user role --name U --role staff|manager|admin [--zone Z]\n" +
	"  (each with --data DIR | --postgres URL)"

// userCmd runs the user subcommands; each change is logged in the audit
// log with the operating-system account that ran it.
func userCmd(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New(userUsage)
	}
	switch args[0] {
	case "add":
		return userAdd(ctx, args[1:], stdin, stdout)
	case "list":
		return userList(ctx, args[1:], stdout)
	case "role":
		return userRole(ctx, args[1:], stdout)
	}
	return errors.New(userUsage)
}

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
		return badRole(*role)
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
	u := store.User{Name: *name, Zone: *zone, Role: store.Role(*role), Hash: hash, Created: nowUTC()}
	e := operator().Audit(store.ActionUserPut, u.Created)
	e.Detail = fmt.Sprintf("add %s: zone %s, role %s, password set", u.Name, u.Zone, u.Role)
	if old, err := s.User(ctx, u.Name); err == nil {
		e.Detail = fmt.Sprintf("replace %s: zone %s → %s, role %s → %s, new password", u.Name, old.Zone, u.Zone, old.Role, u.Role)
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if err := s.PutUser(ctx, u, e); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已添加用户 user added: %s (zone %s, role %s)\n", u.Name, u.Zone, u.Role)
	return nil
}

// userList prints every user with zone and role (never the hash).
func userList(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("user list", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, _, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	users, err := s.Users(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "用户 name\t开发区 zone\t角色 role\t创建 created")
	for _, u := range users {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Name, u.Zone, u.Role, u.Created.Format("2006-01-02"))
	}
	return tw.Flush()
}

// userRole changes a user's role (and zone, when given), keeping the
// password.
func userRole(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("user role", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs)
	name := fs.String("name", "", "user name (用户名)")
	role := fs.String("role", "", "staff, manager or admin")
	zone := fs.String("zone", "", "new zone ID (optional)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case *name == "":
		return errors.New("--name 不能为空 (--name is required)")
	case !store.Role(*role).Valid():
		return badRole(*role)
	}
	s, _, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	u, err := s.User(ctx, *name)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("用户 %s 不存在 (no user %s)", *name, *name)
	} else if err != nil {
		return err
	}
	old := u
	u.Role = store.Role(*role)
	if *zone != "" {
		u.Zone = *zone
	}
	e := operator().Audit(store.ActionUserPut, nowUTC())
	e.Detail = fmt.Sprintf("change %s: zone %s → %s, role %s → %s", u.Name, old.Zone, u.Zone, old.Role, u.Role)
	if err := s.PutUser(ctx, u, e); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已修改用户 user changed: %s (zone %s, role %s); 新角色在下次登录时生效 the new role applies from the next login\n", u.Name, u.Zone, u.Role)
	return nil
}

func badRole(role string) error {
	return fmt.Errorf("--role %q 无效，应为 staff、manager 或 admin (role must be staff, manager or admin)", role)
}
