package api

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/shanhaifield/shanhai/server/auth"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

var errNoAudit = apiError{http.StatusForbidden, protocol.Error{Code: "forbidden",
	Zh: "只有开发区负责人或管理员可以查看审计日志", En: "only a manager or an admin may read the audit log"}}

// auditLogin logs a login or a failed one. It reports false (having
// answered 500) when the entry could not be written: a login the log
// does not hold is not granted.
func (s *Server) auditLogin(w http.ResponseWriter, r *http.Request, name string, u store.User, host string, err error) bool {
	var e store.AuditEntry
	switch {
	case err == nil:
		e = store.Principal{Name: u.Name, Zone: u.Zone, Role: u.Role, Remote: host}.Audit(store.ActionLogin, s.now())
	case errors.Is(err, auth.ErrBadLogin), errors.Is(err, auth.ErrRateLimited):
		e = store.Principal{Name: name, Remote: host}.Audit(store.ActionLoginFailed, s.now())
		e.Detail = err.Error()
	default:
		return true // the store failed; login answers 500 itself
	}
	if aerr := s.Store.AppendAudit(r.Context(), e); aerr != nil {
		s.fail(w, r, "audit login", aerr)
		return false
	}
	return true
}

// auditPull starts logging one pull page: the sequence range it covered
// and how many records it carried, which with the caller's zone names
// the records read. The entry is written while the page is sent (its
// commit costs a disk flush); writePage waits for it before the page's
// end, so a page the log does not hold is never complete. An empty page
// read nothing and is not logged: laptops poll every minute or so, and
// an entry (and a disk write) per idle poll would bury the log.
func (s *Server) auditPull(r *http.Request, after uint64, page store.Page) <-chan error {
	done := make(chan error, 1)
	if len(page.Records) == 0 {
		done <- nil
		return done
	}
	e := principal(r).Audit(store.ActionPull, s.now())
	e.From, e.To, e.Count = after, page.NextCursor, len(page.Records)
	go func() { done <- s.Store.AppendAudit(r.Context(), e) }()
	return done
}

// exportAudit streams the audit log: GET /v1/audit?from=&to=&user=&record=&format=jsonl|csv.
// Admins get every entry, managers their zone's, staff nothing (403).
// from and to are RFC 3339 times or dates (YYYY-MM-DD); to is exclusive.
func (s *Server) exportAudit(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	q, format, aerr := auditQuery(r)
	switch {
	case p.Role != store.RoleAdmin && p.Role != store.RoleManager:
		writeError(w, errNoAudit)
		return
	case aerr != nil:
		writeError(w, *aerr)
		return
	case p.Role == store.RoleManager:
		q.Zone = p.Zone
	}
	// The export itself is logged first: reading the log is an access too.
	e := p.Audit(store.ActionAuditExport, s.now())
	e.Detail = r.URL.RawQuery
	if err := s.Store.AppendAudit(r.Context(), e); err != nil {
		s.fail(w, r, "audit export", err)
		return
	}
	ctype, ext := "application/x-ndjson; charset=utf-8", "jsonl"
	if format == "csv" {
		ctype, ext = "text/csv; charset=utf-8", "csv"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="shanhai-audit.%s"`, ext))
	n := 0
	aw, err := store.NewAuditWriter(w, format)
	if err == nil {
		err = store.EachAudit(r.Context(), s.Store, q, func(e store.AuditEntry) error { n++; return aw.Write(e) })
	}
	if err == nil {
		err = aw.Close()
	}
	if err != nil {
		// Headers are gone: the client sees a cut-off body.
		s.Log.Error("audit export failed", "user", p.Name, "after", n, "err", err)
		return
	}
	s.Log.Info("audit exported", "user", p.Name, "zone", q.Zone, "entries", n, "format", ext)
}

// auditQuery reads the export's query parameters.
func auditQuery(r *http.Request) (store.AuditQuery, string, *apiError) {
	v := r.URL.Query()
	var q store.AuditQuery
	var err error
	if q.From, err = ParseAuditTime(v.Get("from")); err != nil {
		e := badRequest("from: " + err.Error())
		return q, "", &e
	}
	if q.To, err = ParseAuditTime(v.Get("to")); err != nil {
		e := badRequest("to: " + err.Error())
		return q, "", &e
	}
	q.User, q.Record = v.Get("user"), v.Get("record")
	format := v.Get("format")
	if format != "" && format != "jsonl" && format != "csv" {
		e := badRequest("format: want jsonl or csv")
		return q, "", &e
	}
	return q, format, nil
}

// ParseAuditTime reads an RFC 3339 time or a date (midnight UTC); ""
// is the zero time (no bound).
func ParseAuditTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither a date (2026-11-26) nor an RFC 3339 time", s)
	}
	return t, nil
}
