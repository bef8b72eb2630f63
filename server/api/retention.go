package api

import (
	"net/http"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// errResetRequired answers a pull whose cursor is older than the purge
// horizon: the tombstones it has not seen are gone.
var errResetRequired = apiError{http.StatusGone, protocol.Error{Code: protocol.CodeResetRequired,
	Zh: "本机离线太久，需要重新下载全部数据；未同步的修改会保留并重新上传",
	En: "cursor older than the tombstone retention; pull again from cursor 0 and re-send unsent edits"}}

// refuseBehind answers 410 reset_required (or 500) and reports true when
// a pull after cursor may miss purged tombstones. It runs after the page is read, so a purge
// committed before the read is always seen. fresh=1 marks the later pages
// of a download that began at cursor 0 in the same sync: it never held
// the purged records, so it needs no tombstones.
func (s *Server) refuseBehind(w http.ResponseWriter, r *http.Request, after uint64) bool {
	if after == 0 || r.URL.Query().Get("fresh") == "1" {
		return false
	}
	h, err := s.Store.Horizon(r.Context())
	if err != nil {
		s.fail(w, r, "purge horizon", err)
		return true
	}
	if !store.Behind(after, h) {
		return false
	}
	s.Log.Info("pull refused: cursor older than the purge horizon", "user", principal(r).Name, "after", after, "horizon", h)
	writeError(w, errResetRequired)
	return true
}
