package api

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/shanhaifield/shanhai/server/auth"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// Server answers the sync protocol over HTTP.
type Server struct {
	Store   store.Store
	Auth    *auth.Service
	Log     *slog.Logger
	Metrics *Metrics
	// Now replaces time.Now in tests.
	Now func() time.Time
	// OrderWait is how long a push naming the batch it follows
	// (PushRequest.After) waits for that batch before it is refused with
	// 409 out_of_order; 0 means 10 seconds.
	OrderWait time.Duration
	// bodies keeps push body buffers for reuse.
	bodies bodyPool
	// pushed wakes pipelined pushes waiting for the batch they follow.
	pushed pushSignal
}

// Handler returns the routed handler with logging, metrics, gzip and the
// protocol version check.
func (s *Server) Handler() http.Handler {
	if s.Metrics == nil {
		s.Metrics = &Metrics{}
	}
	if s.Log == nil {
		s.Log = slog.Default()
	}
	v1 := http.NewServeMux()
	v1.HandleFunc("POST /v1/login", s.login)
	v1.HandleFunc("POST /v1/push", s.authed(s.push))
	v1.HandleFunc("GET /v1/pull", s.authed(s.pull))
	v1.HandleFunc("POST /v1/rulepacks", s.authed(s.publishRulePack))
	v1.HandleFunc("GET /v1/rulepacks/latest", s.authed(s.latestRulePack))
	v1.HandleFunc("GET /v1/audit", s.authed(s.exportAudit))
	v1.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { writeError(w, errNotFound) })
	mux := http.NewServeMux()
	mux.Handle("/v1/", versioned(v1))
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4")
		s.Metrics.Write(w)
	})
	return s.observe(gzipped(mux))
}

type principalKey struct{}

// authed checks the bearer token and passes the principal on.
func (s *Server) authed(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		p, err := s.Auth.Authenticate(r.Context(), strings.TrimSpace(token))
		if !ok || err != nil {
			if err != nil && !errors.Is(err, auth.ErrBadToken) && !errors.Is(err, auth.ErrExpired) {
				s.fail(w, r, "authenticate", err)
				return
			}
			s.Metrics.AuthRefused.Add(1)
			writeError(w, errUnauthorized)
			return
		}
		p.Remote = remoteHost(r)
		next(w, r.WithContext(context.WithValue(r.Context(), principalKey{}, p)))
	}
}

func principal(r *http.Request) store.Principal {
	p, _ := r.Context().Value(principalKey{}).(store.Principal)
	return p
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, what string, err error) {
	s.Log.Error(what+" failed", "path", r.URL.Path, "err", err)
	writeError(w, errInternal)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var req protocol.LoginRequest
	if err := decodeJSON(r, &req); err != nil {
		writeError(w, badRequest("login body: "+err.Error()))
		return
	}
	host := remoteHost(r)
	token, exp, u, err := s.Auth.Login(r.Context(), req.Name, req.Password, host)
	if !s.auditLogin(w, r, req.Name, u, host, err) {
		return
	}
	switch {
	case errors.Is(err, auth.ErrRateLimited):
		s.Metrics.LoginLimited.Add(1)
		s.Log.Warn("login rate limited", "user", req.Name, "remote", host)
		w.Header().Set("Retry-After", "900")
		writeError(w, errRateLimited)
	case errors.Is(err, auth.ErrBadLogin):
		s.Metrics.LoginFailed.Add(1)
		s.Log.Warn("login refused", "user", req.Name, "remote", host)
		writeError(w, errBadLogin)
	case err != nil:
		s.fail(w, r, "login", err)
	default:
		s.Metrics.LoginOK.Add(1)
		s.Log.Info("login", "user", u.Name, "zone", u.Zone, "role", u.Role)
		writeJSON(w, http.StatusOK, protocol.LoginResponse{Token: token, ExpiresAt: exp.Unix(),
			Name: u.Name, Zone: u.Zone, Role: string(u.Role)})
	}
}

func (s *Server) push(w http.ResponseWriter, r *http.Request) {
	buf := s.bodies.get()
	defer s.bodies.put(buf) // after the answer: req's field values point into buf
	req, err := decodePush(r.Body, buf)
	if err != nil {
		writeError(w, badRequest(err.Error()))
		return
	}
	p := principal(r)
	resp, err := s.pushInOrder(r.Context(), p, req)
	if errors.Is(err, store.ErrOutOfOrder) {
		s.Log.Warn("push out of order", "user", p.Name, "client", req.ClientID, "batch", req.BatchID, "err", err)
		writeError(w, errOutOfOrder)
		return
	}
	if err != nil {
		s.fail(w, r, "push", err)
		return
	}
	rejected := 0
	for _, res := range resp.Results {
		if res.Status == protocol.StatusRejected {
			rejected++
		}
	}
	s.Metrics.PushBatches.Add(1)
	s.Metrics.PushChanges.Add(int64(len(req.Changes)))
	s.Metrics.PushRejected.Add(int64(rejected))
	s.Log.Info("push", "user", p.Name, "client", req.ClientID, "batch", req.BatchID,
		"changes", len(req.Changes), "rejected", rejected, "cursor", resp.Cursor)
	writeJSON(w, http.StatusOK, resp)
}

func (s *Server) pull(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	after, err := parseUint(q.Get("after"))
	if err != nil {
		writeError(w, badRequest("after: "+err.Error()))
		return
	}
	limit, err := parseUint(q.Get("limit"))
	if err != nil || limit > protocol.MaxPage {
		writeError(w, badRequest("limit: want 1 to "+strconv.Itoa(protocol.MaxPage)))
		return
	}
	page, err := s.Store.Pull(r.Context(), principal(r), after, int(limit))
	if err != nil {
		s.fail(w, r, "pull", err)
		return
	}
	if s.refuseBehind(w, r, after) {
		return
	}
	logged := s.auditPull(r, after, page)
	s.Metrics.PullPages.Add(1)
	s.Metrics.PullRecords.Add(int64(len(page.Records)))
	if err := writePage(w, page, s.now(), logged); err != nil {
		s.Log.Error("pull page cut off: its audit entry failed", "path", r.URL.Path, "err", err)
	}
}

// writePage writes a protocol.PullResponse by hand: the records are
// already JSON, and encoding/json would re-scan every byte of them.
// logged reports whether the page's audit entry was written; it is
// awaited only before the closing part (cursor included), so the entry
// is written while the records go out. When it failed the answer stops
// short: a client cannot decode it and keeps its old cursor.
func writePage(w http.ResponseWriter, page store.Page, now time.Time, logged <-chan error) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(`{"records":[`)
	for i, rec := range page.Records {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.Write(rec)
	}
	if err := <-logged; err != nil {
		bw.Flush()
		return err
	}
	fmt.Fprintf(bw, `],"next_cursor":%d,"has_more":%t,"server_time":%d}`+"\n", page.NextCursor, page.HasMore, now.UnixMilli())
	return bw.Flush()
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.Store.Ping(ctx); err != nil {
		s.Log.Error("health check failed", "err", err)
		http.Error(w, "store unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	w.Write([]byte("ok\n"))
}

// remoteHost is the client's address without the port.
func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func parseUint(s string) (uint64, error) {
	if s == "" {
		return 0, nil
	}
	return strconv.ParseUint(s, 10, 64)
}
