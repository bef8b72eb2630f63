package main

import (
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/shanhaifield/shanhai/server/api"
	"github.com/shanhaifield/shanhai/server/store"
)

const auditUsage = "用法 usage: shanhai-server audit verify [--data DIR | --postgres URL]\n" +
	"       shanhai-server audit export [--data DIR | --postgres URL] [--from T] [--to T] [--user U] [--record ID] [--format jsonl|csv] [--out FILE]"

// auditCmd runs `audit verify` and `audit export`. A bbolt store is
// locked by a running server: export through GET /v1/audit then, or stop
// the server first.
func auditCmd(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New(auditUsage)
	}
	switch args[0] {
	case "verify":
		return auditVerify(ctx, args[1:], stdout)
	case "export":
		return auditExport(ctx, args[1:], stdout)
	}
	return errors.New(auditUsage)
}

// auditVerify checks the hash chain and prints the head hash, which an
// operator notes elsewhere: a later verify that reaches the same entry
// with another hash, or fewer entries, shows the log was rewritten.
func auditVerify(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
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
	rep, err := store.VerifyAudit(ctx, s)
	if err != nil {
		return fmt.Errorf("审计日志校验失败 audit log verification failed: %w", err)
	}
	fmt.Fprintf(stdout, "审计日志完好 audit log intact: %d entries, head %s\n", rep.Entries, hex.EncodeToString(rep.Head))
	return nil
}

// auditExport writes the selected entries as JSON lines or CSV (UTF-8
// with BOM) to --out or stdout, and logs the export itself.
func auditExport(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("audit export", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs)
	from := fs.String("from", "", "first time (RFC 3339 or YYYY-MM-DD), inclusive")
	to := fs.String("to", "", "end time (RFC 3339 or YYYY-MM-DD), exclusive")
	user := fs.String("user", "", "only this user's entries")
	record := fs.String("record", "", "only entries about this record ID")
	format := fs.String("format", "jsonl", "jsonl or csv")
	out := fs.String("out", "", "output file (default stdout)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var q store.AuditQuery
	var err error
	if q.From, err = api.ParseAuditTime(*from); err != nil {
		return fmt.Errorf("--from: %w", err)
	}
	if q.To, err = api.ParseAuditTime(*to); err != nil {
		return fmt.Errorf("--to: %w", err)
	}
	q.User, q.Record = *user, *record
	w := stdout
	if *out != "" {
		f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return fmt.Errorf("--out: %w", err)
		}
		defer f.Close()
		w = f
	}
	aw, err := store.NewAuditWriter(w, *format)
	if err != nil {
		return fmt.Errorf("--format: %w", err)
	}
	s, _, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	e := operator().Audit(store.ActionAuditExport, nowUTC())
	e.Detail = fmt.Sprintf("from=%s to=%s user=%s record=%s format=%s", *from, *to, *user, *record, *format)
	if err := s.AppendAudit(ctx, e); err != nil {
		return err
	}
	n := 0
	if err := store.EachAudit(ctx, s, q, func(e store.AuditEntry) error { n++; return aw.Write(e) }); err != nil {
		return fmt.Errorf("audit export after %d entries: %w", n, err)
	}
	if err := aw.Close(); err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(stdout, "已导出 exported %d entries to %s\n", n, *out)
	}
	return nil
}
