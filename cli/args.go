package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// newFlagSet makes a flag set that reports errors to the caller instead
// of printing them or exiting.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse reads flags placed anywhere among the positional arguments
// ("edit ID --name x" and "edit --name x ID" are the same) and returns
// the positional ones. "--" ends the flags. -h prints the command's help.
func (s *session) parse(fs *flag.FlagSet, args []string, usage string) ([]string, error) {
	var pos []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			writeCommandHelp(s.stdout, usage, fs)
			return nil, err
		}
		if err != nil {
			return nil, usageErrorf("%s: %v", fs.Name(), err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// writeCommandHelp prints a command's usage line and its flags.
func writeCommandHelp(w io.Writer, usage string, fs *flag.FlagSet) {
	fmt.Fprintf(w, "用法 / usage: shanhai %s\n", usage)
	var t table
	fs.VisitAll(func(f *flag.Flag) {
		arg := " value"
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			arg = ""
		}
		t.add("  --"+f.Name+arg, f.Usage)
	})
	if len(t.rows) > 0 {
		fmt.Fprintln(w, "选项 / flags:")
		_ = t.write(w) // help text; a failed write has nowhere better to go
	}
}

// noArgs checks that a command got no positional arguments.
func noArgs(pos []string, usage string) error {
	if len(pos) > 0 {
		return usageErrorf("多余的参数 %q / unexpected arguments; usage: shanhai %s", pos, usage)
	}
	return nil
}

// oneArg returns the single positional argument of a command.
func oneArg(pos []string, zh, en, usage string) (string, error) {
	if len(pos) != 1 {
		return "", usageErrorf("需要一个%s / expected one %s; usage: shanhai %s", zh, en, usage)
	}
	return pos[0], nil
}
