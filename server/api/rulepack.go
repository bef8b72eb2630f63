package api

import (
	"bytes"
	"errors"
	"net/http"

	"github.com/shanhaifield/shanhai/rulepack"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

var (
	errForbidden = apiError{http.StatusForbidden, protocol.Error{Code: "forbidden",
		Zh: "只有管理员可以发布规则包", En: "only an admin may publish rule packs"}}
	errNoRulePack = apiError{http.StatusNotFound, protocol.Error{Code: "no_rulepack",
		Zh: "服务器尚未发布规则包", En: "no rule pack has been published"}}
	errPackNotNewer = apiError{http.StatusConflict, protocol.Error{Code: "rulepack_not_newer",
		Zh: "该规则包不比服务器上的最新规则包更新", En: "the pack is not newer than the latest published pack"}}
)

func badPack(en string) apiError {
	return apiError{http.StatusBadRequest, protocol.Error{Code: "bad_rulepack",
		Zh: "规则包无效：" + en, En: en}}
}

// publishRulePack checks the pack with the same parser the clients use,
// so a pack the server accepts is one every client can load.
func (s *Server) publishRulePack(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	if p.Role != store.RoleAdmin {
		writeError(w, errForbidden)
		return
	}
	pack, err := rulepack.Parse(r.Body)
	if err != nil {
		writeError(w, badPack(err.Error()))
		return
	}
	var buf bytes.Buffer
	if err := pack.WriteJSON(&buf); err != nil {
		s.fail(w, r, "encode rule pack", err)
		return
	}
	rp := store.RulePack{Version: pack.Version, Date: pack.Date, Data: buf.Bytes(), Published: s.now().UTC(), By: p.Name}
	latest, err := s.Store.LatestRulePack(r.Context())
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		s.fail(w, r, "latest rule pack", err)
		return
	case !rp.Newer(latest):
		writeError(w, errPackNotNewer)
		return
	}
	entry := p.Audit(store.ActionRulePack, rp.Published)
	entry.Detail = "rule pack " + rp.Version + " (" + rp.Date + ")"
	if err := s.Store.PutRulePack(r.Context(), rp, entry); err != nil {
		s.fail(w, r, "publish rule pack", err)
		return
	}
	s.Log.Info("rule pack published", "user", p.Name, "version", rp.Version, "date", rp.Date, "bytes", len(rp.Data))
	w.Header().Set("ETag", protocol.RulePackTag(rp.Date, rp.Version))
	writeJSON(w, http.StatusCreated, wireRulePack(rp, false))
}

// latestRulePack serves the latest pack to any signed-in user; rule packs
// are read-only reference data for staff.
func (s *Server) latestRulePack(w http.ResponseWriter, r *http.Request) {
	rp, err := s.Store.LatestRulePack(r.Context())
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, errNoRulePack)
		return
	}
	if err != nil {
		s.fail(w, r, "latest rule pack", err)
		return
	}
	tag := protocol.RulePackTag(rp.Date, rp.Version)
	w.Header().Set("ETag", tag)
	if r.Header.Get("If-None-Match") == tag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	writeJSON(w, http.StatusOK, wireRulePack(rp, true))
}

func wireRulePack(rp store.RulePack, withPack bool) protocol.RulePack {
	out := protocol.RulePack{Version: rp.Version, Date: rp.Date, Published: rp.Published.Unix(), By: rp.By}
	if withPack {
		out.Pack = rp.Data
	}
	return out
}
