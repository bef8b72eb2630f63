// Command shanhai is the Shanhai Field (山海招商外勤) desktop client. With
// no command it opens the window; with one it runs the headless command
// line (see package cli), e.g. `shanhai add enterprise --name …`.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/shanhaifield/shanhai/cli"
)

func main() {
	os.Exit(run())
}

// run decides between the window and the command line and returns the
// exit code, so that deferred cleanup runs before os.Exit.
func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	args := os.Args[1:]
	g, rest, err := cli.ParseGlobal(args, os.Getenv)
	if err != nil || len(rest) > 0 {
		// The command line reports its own errors, usage ones included.
		return cli.Run(ctx, args, os.Stdin, os.Stdout, os.Stderr)
	}
	startHeapProfile(ctx, os.Getenv)
	if err := runGUI(ctx, g.DataDir); err != nil {
		slog.Error("window failed", "err", err)
		fmt.Fprintf(os.Stderr, "错误：窗口无法运行 / error: the window failed: %v\n", err)
		return cli.ExitFailure
	}
	return cli.ExitOK
}
