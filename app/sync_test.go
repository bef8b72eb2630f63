package app

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
	"github.com/shanhaifield/shanhai/sync/client"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// fakeSyncer is an in-memory Syncer: a sync sets LastSync (or the error
// syncErr) and empties the fake services' outbox; Resolve drops the
// conflict and records the choice.
type fakeSyncer struct {
	svc       *fakeServices
	state     storage.SyncState
	conflicts []storage.Conflict
	rejected  []storage.Rejected
	syncErr   error
	loginErr  error
	syncs     int
	resolved  []string // "id=keep"
}

func (f *fakeSyncer) Login(_ context.Context, server, user, _ string) error {
	if f.loginErr != nil {
		return f.loginErr
	}
	f.state.Server, f.state.User, f.state.Token = server, user, "token"
	return nil
}

func (f *fakeSyncer) Logout(context.Context) error {
	f.state.Token = ""
	return nil
}

func (f *fakeSyncer) SyncNow(context.Context) error {
	f.syncs++
	if f.syncErr != nil {
		zh, en := client.Message(f.syncErr)
		f.state.LastError, f.state.LastErrorZh = en, zh
		return f.syncErr
	}
	f.state.LastSync, f.state.LastErrorZh = time.Date(2026, 11, 26, 9, 30, 0, 0, time.Local), ""
	f.svc.pending = 0
	return nil
}

func (f *fakeSyncer) State(context.Context) (storage.SyncState, error) { return f.state, nil }

func (f *fakeSyncer) Conflicts(context.Context) ([]storage.Conflict, error) { return f.conflicts, nil }

func (f *fakeSyncer) Resolve(_ context.Context, id, keep string) error {
	i := slices.IndexFunc(f.conflicts, func(c storage.Conflict) bool { return c.ID == id })
	if i < 0 {
		return storage.ErrConflictNotFound
	}
	f.conflicts = slices.Delete(f.conflicts, i, i+1)
	f.resolved = append(f.resolved, id+"="+keep)
	return nil
}

func (f *fakeSyncer) Rejected(context.Context) ([]storage.Rejected, error) { return f.rejected, nil }

// newSyncUI builds the window with a logged-in fake syncer holding one
// conflict on E1's notes and one refused change.
func newSyncUI(t *testing.T) (*UI, *fakeSyncer) {
	t.Helper()
	svc := sampleServices()
	f := &fakeSyncer{svc: svc, state: storage.SyncState{Server: "https://sync.example.cn", User: "wang", Token: "t"}}
	f.conflicts = []storage.Conflict{{Conflict: protocol.Conflict{ID: "c1", Kind: "enterprise", RecordID: "E1", Field: "notes",
		Value: json.RawMessage(`"我写的备注"`), Reason: protocol.ReasonConcurrent}, Current: json.RawMessage(`"对方写的备注"`)}}
	f.rejected = []storage.Rejected{{Change: storage.Change{Kind: record.KindEnterprise, RecordID: "E2"}, Code: "forbidden", Zh: "无权修改其他开发区的企业"}}
	u := newTestUI(t, svc)
	u.SetSyncer(f)
	return u, f
}

func TestSyncNow(t *testing.T) {
	tests := []struct {
		name               string
		err                error
		wantState, wantBar string
		wantErr            string
	}{
		{"ok", nil, "在线：wang @ https://sync.example.cn", "在线 · 已同步", ""},
		{"offline", errors.New("dial tcp: connection refused"), "离线：wang @ https://sync.example.cn", "离线 · 2 条待同步", "无法连接同步服务器"},
		{"expired", &client.ServerError{Status: 401}, "离线：wang @ https://sync.example.cn", "同步出错", "登录已过期"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, f := newSyncUI(t)
			f.syncErr = tt.err
			test.Tap(u.nav.buttons[ScreenSync])
			s := u.syncScreen
			if got := s.pending.Text; got != "待同步的修改：2 条" {
				t.Errorf("pending before = %q", got)
			}
			test.Tap(s.syncNow)
			if f.syncs != 1 {
				t.Fatalf("SyncNow called %d times, want 1", f.syncs)
			}
			if s.state.Text != tt.wantState || u.status.sync.Text != tt.wantBar {
				t.Errorf("state %q, bar %q; want %q, %q", s.state.Text, u.status.sync.Text, tt.wantState, tt.wantBar)
			}
			if !strings.Contains(s.lastErr.Text, tt.wantErr) || (tt.wantErr == "") != (s.lastErr.Text == "") {
				t.Errorf("last error %q, want it to hold %q", s.lastErr.Text, tt.wantErr)
			}
			if tt.err == nil && (s.last.Text != "上次同步：2026-11-26 09:30:00" || s.pending.Text != "待同步的修改：0 条") {
				t.Errorf("after a good sync: %q, %q", s.last.Text, s.pending.Text)
			}
			if s.syncNow.Disabled() || s.progress.Visible() {
				t.Error("button still disabled or progress still shown after the sync")
			}
		})
	}
}

func TestConflictQueue(t *testing.T) {
	for _, keep := range []string{storage.KeepMine, storage.KeepTheirs} {
		t.Run(keep, func(t *testing.T) {
			u, f := newSyncUI(t)
			test.Tap(u.nav.buttons[ScreenSync])
			s := u.syncScreen
			m := test.RenderToMarkup(u.Window().Canvas())
			for _, want := range []string{"我的：我写的备注", "对方的：对方写的备注", "浙江青山新材料有限公司", "无权修改其他开发区的企业"} {
				if !strings.Contains(m, want) {
					t.Errorf("sync screen lacks %q", want)
				}
			}
			if len(s.rows) != 1 {
				t.Fatalf("%d conflict rows, want 1", len(s.rows))
			}
			button := s.rows[0].keepMine
			if keep == storage.KeepTheirs {
				button = s.rows[0].keepAll
			}
			test.Tap(button)
			if !slices.Equal(f.resolved, []string{"c1=" + keep}) {
				t.Errorf("resolved %v", f.resolved)
			}
			m = test.RenderToMarkup(u.Window().Canvas())
			if len(s.rows) != 0 || strings.Contains(m, "我写的备注") || !strings.Contains(m, "没有待处理的冲突。") {
				t.Errorf("the resolved conflict is still listed (%d rows)", len(s.rows))
			}
		})
	}
}

func TestLogin(t *testing.T) {
	u := newTestUI(t, sampleServices())
	f := &fakeSyncer{}
	u.SetSyncer(f)
	if u.login.server.Text != "" {
		t.Errorf("server %q filled in before any login", u.login.server.Text)
	}
	test.Tap(u.nav.buttons[ScreenSettings])
	l := u.login
	if !l.logout.Disabled() || l.login.Disabled() {
		t.Error("logged out, yet logout enabled or login disabled")
	}
	if got := u.syncScreen.state.Text; got != "未登录：请在「设置」中登录同步服务器" || !u.syncScreen.syncNow.Disabled() {
		t.Errorf("sync state = %q, 立即同步 disabled %v", got, u.syncScreen.syncNow.Disabled())
	}
	f.loginErr = &client.ServerError{Status: 401, Code: "bad_login"}
	l.server.SetText("https://sync.example.cn")
	l.user.SetText("wang")
	l.password.SetText("secret")
	test.Tap(l.login)
	if got := l.message.Text; got != "登录失败：用户名或密码错误" {
		t.Errorf("bad login message = %q", got)
	}
	f.loginErr = nil
	test.Tap(l.login)
	if got := l.message.Text; got != "已登录：wang @ https://sync.example.cn" || l.password.Text != "" || l.logout.Disabled() {
		t.Errorf("after login: message %q, password %q, logout disabled %v", got, l.password.Text, l.logout.Disabled())
	}
	if got := u.syncScreen.state.Text; !strings.Contains(got, "wang @ https://sync.example.cn") {
		t.Errorf("sync state after login = %q", got)
	}
	if u.syncScreen.syncNow.Disabled() {
		t.Error("立即同步 still disabled after login")
	}
	if !strings.Contains(test.RenderToMarkup(u.Window().Canvas()), "同步服务器") {
		t.Error("设置 does not show the login form")
	}
	test.Tap(l.logout)
	if f.state.Token != "" || !l.logout.Disabled() || !strings.HasPrefix(l.message.Text, "已退出登录") {
		t.Errorf("after logout: token %q, message %q", f.state.Token, l.message.Text)
	}
}

func TestSyncStatusFromLoop(t *testing.T) {
	tests := []struct {
		name   string
		status client.Status
		want   string
	}{
		{"online", client.Status{Online: true}, "在线 · 2 条待同步"},
		{"offline", client.Status{Err: errors.New("timeout")}, "离线 · 2 条待同步"},
		{"outdated", client.Status{Err: &client.ServerError{Status: 426}}, "同步出错"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, _ := newSyncUI(t)
			u.SyncStatus(tt.status)
			if got := u.status.sync.Text; got != tt.want {
				t.Errorf("bar = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestRestoreOfferInQueue: an edit of a record deleted elsewhere is
// shown with 恢复 and 保持删除, which restore or keep it deleted.
func TestRestoreOfferInQueue(t *testing.T) {
	for _, keep := range []string{storage.KeepMine, storage.KeepTheirs} {
		t.Run(keep, func(t *testing.T) {
			u, f := newSyncUI(t)
			f.conflicts = []storage.Conflict{{Conflict: protocol.Conflict{ID: "D1/notes/s/restore", Kind: "enterprise", RecordID: "D1",
				Field: "notes", Value: json.RawMessage(`"删除后补记"`), Reason: protocol.ReasonAfterDelete},
				Current: json.RawMessage("null"), Title: "已删除的企业"},
				{Conflict: protocol.Conflict{ID: "D1/source/s/restore", Kind: "enterprise", RecordID: "D1",
					Field: "source", Value: json.RawMessage(`"展会"`), Reason: protocol.ReasonAfterDelete},
					Current: json.RawMessage("null"), Title: "已删除的企业"}}
			test.Tap(u.nav.buttons[ScreenSync])
			s := u.syncScreen
			s.showConflicts(context.Background())
			m := test.RenderToMarkup(u.Window().Canvas())
			for _, want := range []string{"已删除的企业", "删除后仍有修改：", "删除后补记", "展会", "恢复", "保持删除"} {
				if !strings.Contains(m, want) {
					t.Errorf("sync screen lacks %q", want)
				}
			}
			if len(s.rows) != 1 {
				t.Fatalf("%d rows for one deleted record, want 1", len(s.rows))
			}
			button := s.rows[0].keepMine
			if keep == storage.KeepTheirs {
				button = s.rows[0].keepAll
			}
			test.Tap(button)
			if !slices.Equal(f.resolved, []string{"D1/notes/s/restore=" + keep}) {
				t.Errorf("resolved %v", f.resolved)
			}
		})
	}
}
