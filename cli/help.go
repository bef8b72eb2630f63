package cli

import (
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
)

// runHelp prints the command list, or one command's help.
func runHelp(s *session, args []string) error {
	cmds := commands()
	if len(args) > 0 {
		cmd, ok := cmds[args[0]]
		if !ok {
			return usageErrorf("未知命令「%s」/ unknown command %q", args[0], args[0])
		}
		if args[0] == "help" || args[0] == "version" {
			_, err := fmt.Fprintf(s.stdout, "用法 / usage: shanhai %s\n%s\n", cmd.usage, cmd.summary)
			return err
		}
		return cmd.run(s, append(args[1:], "-h"))
	}
	return writeHelp(s.stdout, cmds)
}

func writeHelp(w io.Writer, cmds map[string]command) error {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "山海招商外勤 命令行 / Shanhai Field command line")
	fmt.Fprintln(w, "用法 / usage: shanhai [--data DIR] [--author NAME] [--verbose] COMMAND [ARGS]")
	fmt.Fprintln(w, "不带命令时打开窗口 / with no command the window opens")
	fmt.Fprintln(w, "\n命令 / commands:")
	// Name and summary in aligned columns; the full usage (long for
	// check, import, refer…) is one "shanhai help COMMAND" away.
	var t table
	for _, n := range names {
		t.add("  "+n, cmds[n].summary)
	}
	if err := t.write(w); err != nil {
		return err
	}
	fmt.Fprintln(w, "\n每个命令的参数 / a command's arguments: shanhai help COMMAND")
	_, err := fmt.Fprintf(w, "\nKIND: %s\n环境变量 / environment: SHANHAI_DATA（数据目录 / data directory）, SHANHAI_USER（作者 / author）,\n  SHANHAI_PASSPHRASE（数据口令，不设则在终端输入 / the store's passphrase, else asked on the terminal）,\n  SHANHAI_NEW_PASSPHRASE（passphrase、forgot-passphrase 的新口令 / the new one for passphrase and forgot-passphrase）\n", kindList())
	return err
}

// runVersion prints the module version and VCS revision the binary was
// built from.
func runVersion(s *session, args []string) error {
	pos, err := s.parse(newFlagSet("version"), args, "version")
	if err != nil {
		return err
	}
	if err := noArgs(pos, "version"); err != nil {
		return err
	}
	version, revision, goVersion := "(devel)", "", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		goVersion = bi.GoVersion
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		for _, kv := range bi.Settings {
			if kv.Key == "vcs.revision" {
				revision = kv.Value
			}
		}
	}
	_, err = fmt.Fprintln(s.stdout, strings.Join(slices.DeleteFunc([]string{"shanhai", version, revision, goVersion},
		func(p string) bool { return p == "" }), " "))
	return err
}
