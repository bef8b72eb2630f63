package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/shanhaifield/shanhai/server/api"
	"github.com/shanhaifield/shanhai/server/auth"
	"github.com/shanhaifield/shanhai/server/store"
)

// shutdownGrace bounds how long in-flight requests may run after a signal.
const shutdownGrace = 30 * time.Second

func serve(ctx context.Context, args []string, log *slog.Logger) error {
	fs := flag.NewFlagSet("shanhai-server", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs)
	addr := fs.String("addr", "127.0.0.1:8420", "listen address")
	cert := fs.String("tls-cert", "", "TLS certificate (PEM); with --tls-key serves HTTPS")
	key := fs.String("tls-key", "", "TLS private key (PEM)")
	retention := fs.Duration("tombstone-retention", store.DefaultRetention,
		"how long deleted records are kept as tombstones (删除记录保留时长); clients offline longer re-download; 0 keeps them forever")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *retention < 0 {
		return errors.New("--tombstone-retention 不能为负 (must not be negative)")
	}
	if (*cert == "") != (*key == "") {
		return errors.New("--tls-cert 与 --tls-key 须同时提供 (give both --tls-cert and --tls-key)")
	}
	st, backend, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if *retention > 0 {
		pctx, stopPurge := context.WithCancel(ctx)
		purged := make(chan struct{})
		go func() { defer close(purged); purgeLoop(pctx, st, *retention, purgeEvery, log) }()
		// Runs before st.Close (defers are last in, first out).
		defer func() { stopPurge(); <-purged }()
	}
	srv := &api.Server{Store: st, Auth: &auth.Service{Store: st}, Log: log, Metrics: &api.Metrics{}}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", *addr, err)
	}
	scheme := "http"
	if *cert != "" {
		scheme = "https"
	}
	log.Info("listening", "addr", ln.Addr().String(), "scheme", scheme, "store", backend)
	errc := make(chan error, 1)
	go func() {
		if *cert != "" {
			errc <- hs.ServeTLS(ln, *cert, *key)
		} else {
			errc <- hs.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}
