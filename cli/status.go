package cli

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/shanhaifield/shanhai/storage"
	"github.com/shanhaifield/shanhai/sync/client"
)

const statusUsage = "status [--json]"

// syncStatus is what status prints.
type syncStatus struct {
	Server      string             `json:"server,omitempty"`
	User        string             `json:"user,omitempty"`
	Role        string             `json:"role,omitempty"`
	Zone        string             `json:"zone,omitempty"`
	LoggedIn    bool               `json:"logged_in"`
	Online      bool               `json:"online"`
	Pending     int                `json:"pending"`
	LastSync    *time.Time         `json:"last_sync"`
	LastError   string             `json:"last_error,omitempty"`
	LastErrorZh string             `json:"last_error_zh,omitempty"`
	Conflicts   int                `json:"conflicts"`
	Rejected    int                `json:"rejected"`
	RejectedAll []storage.Rejected `json:"rejected_changes,omitempty"`
	Cursor      uint64             `json:"cursor"`
	// Duplicates are credit codes several enterprises arrived with by
	// pull (created on two laptops offline): staff should merge them.
	Duplicates []storage.CreditDuplicate `json:"possible_duplicates,omitempty"`
}

// runStatus shows the sync state: online or not, what waits to be sent,
// the last sync and its error, conflicts and set-aside changes.
func runStatus(s *session, args []string) error {
	fs := newFlagSet("status")
	asJSON := fs.Bool("json", false, "输出 JSON / print JSON")
	pos, err := s.parse(fs, args, statusUsage)
	if err != nil {
		return err
	}
	if err := noArgs(pos, statusUsage); err != nil {
		return err
	}
	return s.withStore(func(st *storage.Store) error {
		out, err := readStatus(s, st)
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(s.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(out)
		}
		return writeStatus(s, out)
	})
}

func readStatus(s *session, st *storage.Store) (syncStatus, error) {
	ss, err := st.SyncState(s.ctx)
	if err != nil {
		return syncStatus{}, err
	}
	out := syncStatus{Server: ss.Server, User: ss.User, Role: ss.Role, Zone: ss.Zone, LoggedIn: ss.Token != "", Cursor: ss.Cursor,
		LastError: ss.LastError, LastErrorZh: ss.LastErrorZh}
	if !ss.LastSync.IsZero() {
		out.LastSync = &ss.LastSync
	}
	if ss.Server != "" {
		out.Online = client.New(st, client.Options{Log: s.log}).Reachable(s.ctx)
	}
	if out.Pending, err = st.Pending(s.ctx); err != nil {
		return out, err
	}
	if out.Conflicts, err = st.ConflictCount(s.ctx); err != nil {
		return out, err
	}
	if out.RejectedAll, err = st.RejectedChanges(s.ctx); err != nil {
		return out, err
	}
	out.Rejected = len(out.RejectedAll)
	if out.Duplicates, err = st.CreditDuplicates(s.ctx); err != nil {
		return out, err
	}
	return out, nil
}

func writeStatus(s *session, out syncStatus) error {
	var t table
	online := "离线 / offline"
	if out.Online {
		online = "在线 / online"
	}
	server := out.Server
	if server == "" {
		server = "（未登录 / not logged in）"
	}
	last := "从未 / never"
	if out.LastSync != nil {
		last = out.LastSync.Local().Format("2006-01-02 15:04:05")
	}
	t.add("服务器 / server", server)
	if out.User != "" {
		role := out.Role
		if role == "" {
			role = "staff"
		}
		t.add("用户 / user", out.User)
		t.add("角色 / role", roleNames[role]+" / "+role)
		t.add("开发区 / zone", out.Zone)
	}
	t.add("连接 / connection", online)
	t.add("未同步 / pending", fmt.Sprint(out.Pending))
	t.add("上次同步 / last sync", last)
	if out.LastError != "" {
		t.add("上次错误 / last error", out.LastErrorZh+" / "+out.LastError)
	}
	t.add("冲突 / conflicts", fmt.Sprint(out.Conflicts))
	t.add("被拒修改 / rejected", fmt.Sprint(out.Rejected))
	for _, r := range out.RejectedAll {
		t.add("  "+string(r.Change.Kind)+" "+r.Change.RecordID, r.Zh+" / "+r.Code)
	}
	for _, d := range out.Duplicates {
		t.add("可能重复 / possible duplicate", duplicateLine(d))
	}
	return t.write(s.stdout)
}

// duplicateLine names the enterprises that share one credit code.
func duplicateLine(d storage.CreditDuplicate) string {
	line := "统一社会信用代码 / credit code " + d.CreditCode + ":"
	for i, id := range d.IDs {
		line += " " + d.Names[i] + " (" + id + ")"
	}
	return line
}
