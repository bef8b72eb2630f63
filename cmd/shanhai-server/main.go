// Command shanhai-server is the central sync server of Shanhai Field.
//
//	shanhai-server --data DIR --addr 127.0.0.1:8420          # embedded bbolt store
//	shanhai-server --postgres URL --addr :8420               # PostgreSQL (pgx)
//	shanhai-server --tls-cert cert.pem --tls-key key.pem …   # HTTPS
//	shanhai-server --tombstone-retention 4320h …             # keep deletes 180 days (default), purged daily
//	shanhai-server user add --name U --zone Z --role staff|manager|admin --password-stdin [--data DIR | --postgres URL]
//	shanhai-server user list | user role --name U --role R [--zone Z]   # list users, change a role
//	shanhai-server audit verify                                         # check the audit log's hash chain
//	shanhai-server audit export --from 2026-11-01 --to 2026-12-01 --format csv --out audit.csv
//
// Logs are JSON (log/slog) on stderr. SIGINT or SIGTERM stops accepting
// connections and waits for requests in flight before exiting.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	var err error
	switch {
	case len(args) >= 1 && args[0] == "user":
		err = userCmd(ctx, args[1:], stdin, stdout)
	case len(args) >= 1 && args[0] == "audit":
		err = auditCmd(ctx, args[1:], stdout)
	default:
		err = serve(ctx, args, log)
	}
	if err != nil {
		log.Error("shanhai-server failed", "err", err.Error())
		fmt.Fprintln(stderr, "错误 error:", err)
		return 1
	}
	return 0
}
