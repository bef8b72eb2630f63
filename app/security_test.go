package app

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/shanhaifield/shanhai/record"
)

func markup(w fyne.Window) string { return test.RenderToMarkup(w.Canvas()) }

// TestSetPassphrase drives the first start: too short, then two
// different entries, each refused beside its entry; then a good one
// creates the store and opens the main window.
func TestSetPassphrase(t *testing.T) {
	v := &fakeVault{}
	o, opened := newTestOpener(t, v)
	o.Start("")
	m := markup(o.window)
	if !strings.Contains(m, "请设置口令") || !strings.Contains(m, "再输入一次") {
		t.Fatal("the first start does not ask for a passphrase")
	}
	test.Type(o.pair.first, "short")
	test.Type(o.pair.second, "short")
	test.Tap(o.setBtn)
	if !o.pair.firstErr.Visible() || o.pair.firstErr.Text != "口令至少需要 8 个字符" {
		t.Errorf("too short: error %q shown %v", o.pair.firstErr.Text, o.pair.firstErr.Visible())
	}
	o.pair.first.SetText("山海协作共引项目")
	o.pair.second.SetText("山海协作共引项日")
	test.Tap(o.setBtn)
	if o.pair.firstErr.Visible() || o.pair.secondErr.Text != "两次输入的口令不一致" {
		t.Errorf("mismatch: first %q, second %q", o.pair.firstErr.Text, o.pair.secondErr.Text)
	}
	if len(v.opens) != 0 || len(*opened) != 0 {
		t.Fatalf("a refused passphrase opened the store: %v", v.opens)
	}
	o.pair.second.SetText("山海协作共引项目")
	o.pair.second.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if v.pass != "山海协作共引项目" || !slices.Equal(*opened, []Screen{""}) {
		t.Errorf("store passphrase %q, opened %v", v.pass, *opened)
	}
}

// TestSetPassphraseOnPlaintextStore says the existing data gets sealed.
func TestSetPassphraseOnPlaintextStore(t *testing.T) {
	o, _ := newTestOpener(t, &fakeVault{probe: Probe{Exists: true}})
	o.Start("")
	if !strings.Contains(markup(o.window), "本机数据尚未加密") {
		t.Error("a plaintext store is not told it will be encrypted")
	}
}

// TestUnlock types a wrong passphrase (Enter submits), sees the inline
// error and no crash, then the right one opens the store.
func TestUnlock(t *testing.T) {
	v := &fakeVault{probe: Probe{Exists: true, Encrypted: true}, pass: "correct horse"}
	o, opened := newTestOpener(t, v)
	o.Start("")
	if !strings.Contains(markup(o.window), "请输入口令解锁") {
		t.Fatal("no unlock screen")
	}
	test.Tap(o.unlock)
	if o.passErr.Text != "请输入口令" || len(v.opens) != 0 {
		t.Errorf("empty passphrase: %q, opens %v", o.passErr.Text, v.opens)
	}
	test.Type(o.pass, "wrong horse")
	o.pass.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !o.passErr.Visible() || o.passErr.Text != "口令不正确，请重试。" || len(*opened) != 0 {
		t.Errorf("wrong passphrase: error %q, opened %v", o.passErr.Text, *opened)
	}
	if o.pass.Text != "" || o.pass.Disabled() || o.unlock.Disabled() {
		t.Error("after a wrong passphrase the entry is not cleared and ready")
	}
	test.Type(o.pass, "correct horse")
	test.Tap(o.unlock)
	if len(*opened) != 1 {
		t.Errorf("the right passphrase did not open: %v", v.opens)
	}
}

// TestUnlockFromEnvironment opens without showing a question when the
// passphrase comes from SHANHAI_PASSPHRASE, as scripts need.
func TestUnlockFromEnvironment(t *testing.T) {
	for _, probe := range []Probe{{}, {Exists: true, Encrypted: true}} {
		v := &fakeVault{probe: probe, pass: "from-the-env"}
		o, opened := newTestOpener(t, v)
		o.Start("from-the-env")
		if len(*opened) != 1 || v.pass != "from-the-env" {
			t.Errorf("probe %+v: opened %v with %v", probe, *opened, v.opens)
		}
	}
}

// TestForgotPassphrase shows what would be lost, by kind and since the
// last sync, then sets the locked file aside, sets a new passphrase and
// opens on 同步 for the login.
func TestForgotPassphrase(t *testing.T) {
	last := time.Date(2026, 11, 20, 9, 30, 0, 0, time.Local)
	v := &fakeVault{pass: "old passphrase", probe: Probe{Exists: true, Encrypted: true, Pending: 5,
		PendingByKind: map[record.Kind]int{record.KindContact: 2, record.KindVisit: 3}, LastSync: last}}
	o, opened := newTestOpener(t, v)
	o.Start("")
	test.Tap(o.forgot)
	m := markup(o.window)
	lost := strings.Join(o.forgotScreen.lost, "\n")
	for _, want := range []string{"尚未同步的5条修改将会丢失：联系人 2 条、走访记录 3 条。", "上次同步：2026-11-20 09:30:00"} {
		if !strings.Contains(lost, want) {
			t.Errorf("忘记口令 does not say %q but\n%s", want, lost)
		}
	}
	for _, want := range []string{"已同步到服务器的数据不会丢", "不会删除"} {
		if !strings.Contains(m, want) {
			t.Errorf("忘记口令 does not say %q", want)
		}
	}
	test.Tap(o.forgotScreen.back)
	if o.forgotScreen != nil || !strings.Contains(markup(o.window), "请输入口令解锁") {
		t.Fatal("返回 does not lead back to the unlock screen")
	}
	test.Tap(o.forgot)
	o.window.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if o.forgotScreen != nil {
		t.Fatal("Esc does not lead back to the unlock screen")
	}
	test.Tap(o.forgot)
	test.Tap(o.forgotScreen.fresh)
	if v.aside != 0 {
		t.Fatal("set aside before the confirmation")
	}
	if !strings.Contains(markup(o.window), "确定另起新库") {
		t.Fatal("no confirmation")
	}
	tapOnScreen(t, o.window, "另起新库")
	if v.aside != 1 {
		t.Fatalf("SetAside called %d times", v.aside)
	}
	if !strings.Contains(markup(o.window), "原数据文件已移到：/data/shanhai.db.locked-1") {
		t.Error("does not say where the old file went")
	}
	o.pair.first.SetText("a new passphrase")
	o.pair.second.SetText("a new passphrase")
	test.Tap(o.setBtn)
	if !slices.Equal(*opened, []Screen{ScreenSync}) || v.pass != "a new passphrase" {
		t.Errorf("opened %v with %q", *opened, v.pass)
	}
}

// TestForgotNothingLost: no unsent changes, never synced.
func TestForgotNothingLost(t *testing.T) {
	got := lostLines(Probe{Exists: true, Encrypted: true})
	want := []string{"本机没有尚未同步的修改。", "本机从未同步：全部数据都只在这台电脑上，另起新库将全部丢失。"}
	if !slices.Equal(got, want) {
		t.Errorf("lost lines %q", got)
	}
}

// TestRestoreFromUnlock restores a backup from the forgotten-passphrase
// page: a wrong backup passphrase comes back on the unlock screen with
// the store untouched, the right one opens the restored store.
func TestRestoreFromUnlock(t *testing.T) {
	v := &fakeVault{pass: "forgotten!", probe: Probe{Exists: true, Encrypted: true}}
	o, opened := newTestOpener(t, v)
	o.Start("")
	o.Restore(readCloser("backup:backup-pass"), []byte("not it at all"))
	if len(v.restored) != 0 || o.passErr.Text != "备份口令不正确，未恢复；本机数据未改动。" {
		t.Errorf("wrong backup passphrase: restored %v, message %q", v.restored, o.passErr.Text)
	}
	o.Restore(readCloser("backup:backup-pass"), []byte("backup-pass"))
	if len(v.restored) != 1 || len(*opened) != 1 || v.pass != "backup-pass" {
		t.Errorf("restored %v opened %v", v.restored, *opened)
	}
}

// newSecureUI opens a main window over the fake vault's store, with its
// restore wired to an Opener as cmd/shanhai does.
func newSecureUI(t *testing.T) (*UI, *fakeVault) {
	t.Helper()
	v := &fakeVault{}
	svc, err := v.Open(t.Context(), []byte("old passphrase"))
	if err != nil {
		t.Fatal(err)
	}
	return newTestUI(t, svc), v
}

// TestChangePassphrase refuses a wrong current passphrase beside its
// entry, then changes it.
func TestChangePassphrase(t *testing.T) {
	u, v := newSecureUI(t)
	u.Show(ScreenSettings)
	p := u.security
	if !p.change.Visible() || !p.backup.Visible() || p.restore.Visible() {
		t.Fatalf("buttons shown: change %v backup %v restore %v", p.change.Visible(), p.backup.Visible(), p.restore.Visible())
	}
	test.Tap(p.change)
	test.Type(p.oldPass, "not the one")
	p.newPair.first.SetText("brand new pass")
	p.newPair.second.SetText("brand new pass")
	p.changeSave()
	if p.oldErr.Text != "原口令不正确" || v.svc.pass != "old passphrase" {
		t.Errorf("wrong old: %q, pass %q", p.oldErr.Text, v.svc.pass)
	}
	p.oldPass.SetText("old passphrase")
	p.newPair.second.SetText("brand new pasS")
	p.changeSave()
	if p.newPair.secondErr.Text != "两次输入的口令不一致" || v.svc.pass != "old passphrase" {
		t.Errorf("mismatch: %q, pass %q", p.newPair.secondErr.Text, v.svc.pass)
	}
	p.newPair.second.SetText("brand new pass")
	p.changeSave()
	if v.svc.pass != "brand new pass" || p.busy.Text != "口令已修改。下次启动请用新口令。" || strings.Contains(markup(u.window), "原口令") {
		t.Errorf("pass %q, message %q", v.svc.pass, p.busy.Text)
	}
}

// TestBackup refuses a wrong passphrase beside its entry before asking
// where to save, then writes the backup sealed with the store's one.
func TestBackup(t *testing.T) {
	u, _ := newSecureUI(t)
	p := u.security
	test.Tap(p.backup)
	test.Type(p.backupPass, "not the passphrase")
	p.backupPass.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if p.backupErr.Text != "口令不正确，请输入本机当前的口令" || u.dialog == nil {
		t.Errorf("wrong passphrase: %q, dialog %v", p.backupErr.Text, u.dialog)
	}
	p.backupPass.SetText("old passphrase")
	p.backupNext()
	if m := markup(u.window); strings.Contains(m, "本机口令") {
		t.Error("the passphrase dialog stays after a right passphrase")
	}
	var buf bytes.Buffer
	u.writeBackup(nopCloser{&buf}, []byte("old passphrase"))
	if buf.String() != "backup:old passphrase" || p.busy.Text != "备份完成。" || p.progress.Visible() || p.backup.Disabled() {
		t.Errorf("backup %q, message %q", buf.String(), p.busy.Text)
	}
}

// TestRestoreFromSettings closes the store, restores and reopens.
func TestRestoreFromSettings(t *testing.T) {
	u, v := newSecureUI(t)
	o, opened := newTestOpener(t, v)
	closed := false
	o.OnClose = func() { closed = true; u.Detach() }
	u.SetRestore(o.Restore)
	if !u.security.restore.Visible() {
		t.Fatal("从备份恢复… not offered")
	}
	u.restore(readCloser("backup:their pass"), []byte("their pass"))
	if !closed || v.closed != 1 || len(v.restored) != 1 || len(*opened) != 1 || u.ctx.Err() == nil {
		t.Errorf("closed %v/%d restored %v opened %v", closed, v.closed, v.restored, *opened)
	}
}

func retentionFlags() *fakeRetention {
	return &fakeRetention{flags: []RetentionFlag{
		{ContactID: "C1", Contact: "王建国", EnterpriseID: "E2", Zone: "songyang", Enterprise: "绍兴海川智能装备有限公司", Reason: "企业已关闭 3 年，超过本区保留期 2 年"},
		{ContactID: "C2", Contact: "李梅", EnterpriseID: "E3", Zone: "songyang", Enterprise: "宁波东港物流有限公司", Reason: "企业已关闭 4 年，超过本区保留期 2 年"},
		{ContactID: "C3", Contact: "赵强", EnterpriseID: "E3", Zone: "shangyu", Enterprise: "宁波东港物流有限公司", Reason: "企业已关闭 4 年，超过本区保留期 2 年"},
	}}
}

// TestRetentionReviewErase: an admin erases one contact by its button
// and two by selection, each after a confirmation that says it cannot
// be undone and reaches the server.
func TestRetentionReviewErase(t *testing.T) {
	u := newTestUI(t, sampleServices())
	r := retentionFlags()
	u.SetRetention(r)
	u.SetRoles(&fakeRoles{Identity{User: "zhang", Role: RoleAdmin}})
	test.Tap(u.nav.buttons[ScreenTasks])
	tapOnScreen(t, u.window, "个人信息保留期审查")
	m := markup(u.window)
	for _, want := range []string{"王建国 · 绍兴海川智能装备有限公司", "企业已关闭 4 年，超过本区保留期 2 年"} {
		if !strings.Contains(m, want) {
			t.Errorf("review does not show %q", want)
		}
	}
	s := u.retention
	test.Tap(s.erases["C1"])
	if m := s.confirmed.Text; u.dialog == nil || !strings.Contains(m, "删除无法撤销") || !strings.Contains(m, "服务器上的也会删除") || len(r.erased) != 0 {
		t.Fatalf("no confirmation before erasing (erased %v)", r.erased)
	}
	if !u.shortcut(escapeKey{}) || len(r.erased) != 0 {
		t.Fatal("Esc did not cancel the erase")
	}
	test.Tap(s.erases["C1"])
	tapOnScreen(t, u.window, "删除")
	if !slices.Equal(r.erased, []string{"C1"}) || len(s.flags) != 2 {
		t.Fatalf("erased %v, still flagged %d", r.erased, len(s.flags))
	}
	if s.eraseSel.Disabled() == false {
		t.Error("删除所选 enabled with nothing ticked")
	}
	s.checks["C2"].SetChecked(true)
	s.checks["C3"].SetChecked(true)
	test.Tap(s.eraseSel)
	if !strings.Contains(s.confirmed.Text, "将彻底删除2位联系人") {
		t.Errorf("confirmation does not count the selection: %q", s.confirmed.Text)
	}
	tapOnScreen(t, u.window, "删除")
	if !slices.Equal(r.erased, []string{"C1", "C2", "C3"}) || len(s.flags) != 0 || !strings.Contains(s.note.Text, "已删除2位联系人的个人信息") {
		t.Errorf("erased %v, flagged %d, note %q", r.erased, len(s.flags), s.note.Text)
	}
	test.Tap(s.back)
	if u.nav.current != ScreenTasks {
		t.Errorf("返回 leads to %s, not back to 待办", u.nav.current)
	}
}

// TestRolesStaffAndManager: staff see the review without erase and the
// referrals without accept / return; a manager gets both for the own
// zone only, an admin for every zone. All see who they are in 设置 and
// 同步.
func TestRolesStaffAndManager(t *testing.T) {
	tests := []struct {
		role     Role
		answer   []string // referrals offered 接收
		erase    []string // contacts offered 删除
		identity string
	}{
		{"", nil, nil, "角色：招商人员"},
		{RoleStaff, nil, nil, "角色：招商人员"},
		{RoleManager, []string{"R2"}, []string{"C3"}, "角色：管理员（本区）"},
		{RoleAdmin, []string{"R1", "R2"}, []string{"C1", "C2", "C3"}, "角色：系统管理员"},
	}
	for _, tt := range tests {
		t.Run(string(tt.role), func(t *testing.T) {
			u := newTestUI(t, referralServices())
			u.SetRoles(&fakeRoles{Identity{User: "zhang", Role: tt.role, Zone: "shangyu"}})
			u.SetRetention(retentionFlags())
			u.Show(ScreenReferrals)
			var answer []string
			for _, id := range []string{"R1", "R2"} {
				if c := u.referrals.cards[id]; c.accept != nil && c.giveBack != nil {
					answer = append(answer, id)
				}
			}
			if !slices.Equal(answer, tt.answer) {
				t.Errorf("接收/退回 offered for %v, want %v", answer, tt.answer)
			}
			if got := u.referrals.roleHint.Visible(); got != (tt.role != RoleAdmin) {
				t.Errorf("the note on who answers referrals shown %v", got)
			}
			u.Show(ScreenRetention)
			var erase []string
			for _, id := range []string{"C1", "C2", "C3"} {
				if u.retention.erases[id] != nil {
					erase = append(erase, id)
				}
			}
			if !slices.Equal(erase, tt.erase) || u.retention.eraseSel.Visible() != (len(tt.erase) > 0) {
				t.Errorf("删除 offered for %v, want %v", erase, tt.erase)
			}
			if tt.erase == nil && !strings.Contains(markup(u.window), "招商人员只能查看") {
				t.Error("staff are not told who may erase")
			}
			for _, s := range []Screen{ScreenSettings, ScreenSync} {
				u.Show(s)
				if m := markup(u.window); !strings.Contains(m, tt.identity) || !strings.Contains(m, "当前用户：zhang") || !strings.Contains(m, "开发区：上虞经开区") {
					t.Errorf("%s does not show the identity %q", s, tt.identity)
				}
			}
		})
	}
}

// TestRolesNotLoggedIn says staff rights apply until a login.
func TestRolesNotLoggedIn(t *testing.T) {
	u := newTestUI(t, referralServices())
	u.SetRoles(&fakeRoles{})
	u.Show(ScreenSettings)
	if !strings.Contains(markup(u.window), "未登录：按招商人员权限使用") {
		t.Error("no note for a window not logged in")
	}
}

// TestRolesLocalStore: a store that never signed in to a server is the
// user's own; the window withholds nothing and says why.
func TestRolesLocalStore(t *testing.T) {
	u := newTestUI(t, referralServices())
	u.SetRoles(&fakeRoles{id: Identity{Local: true}})
	u.Show(ScreenSettings)
	if !strings.Contains(markup(u.window), "尚未登录服务器：所有操作可用") {
		t.Error("no note for a local store")
	}
	if p := permissionsOf(&Identity{Local: true}); !p.erase || !p.answer || p.zone != "" {
		t.Errorf("local store permissions %+v", p)
	}
	if p := permissionsOf(&Identity{}); p.erase || p.answer {
		t.Errorf("logged-out store permissions %+v", p)
	}
}

// TestContactLegalBasisChoices offers every legal basis with its label.
func TestContactLegalBasisChoices(t *testing.T) {
	var got []string
	for _, s := range contactSpecs() {
		if s.name == "legal_basis" {
			for _, o := range s.options {
				got = append(got, o.label)
			}
		}
	}
	if want := []string{"本人同意", "订立或履行合同所必需", "履行法定职责或义务所必需", "本人公开的商务联系方式"}; !slices.Equal(got, want) {
		t.Errorf("legal bases %q", got)
	}
}

// TestSecuritySectionHiddenWithoutServices: a store that cannot encrypt,
// back up or review shows no empty section in 设置, and 待办 no review.
func TestSecuritySectionHiddenWithoutServices(t *testing.T) {
	u := newTestUI(t, sampleServices())
	if u.security.section.Visible() || u.security.tasksBar.Visible() {
		t.Error("empty 口令、备份与个人信息 section shown")
	}
	u.SetRetention(retentionFlags())
	if !u.security.section.Visible() || !u.security.retention.Visible() || u.security.change.Visible() {
		t.Error("with a retention review only the review is offered")
	}
}

// TestUnlockProbeFails: a store file that cannot be read (another
// program holds it) gets no offer of a new passphrase over it.
func TestUnlockProbeFails(t *testing.T) {
	v := &fakeVault{probeErr: errors.New("the store is in use by another program")}
	o, _ := newTestOpener(t, v)
	o.Start("")
	if o.pair != nil || !strings.Contains(o.passErr.Text, "the store is in use by another program") {
		t.Errorf("probe failure: set-passphrase shown %v, message %q", o.pair != nil, o.passErr.Text)
	}
}

// plainKeyed is a store with key services that is not encrypted.
type plainKeyed struct{ *keyedServices }

func (plainKeyed) Encrypted() bool { return false }

func TestKeysForPlaintextStore(t *testing.T) {
	k := &keyedServices{fakeServices: sampleServices()}
	if keysFor(k) == nil || keysFor(plainKeyed{k}) != nil || keysFor(sampleServices()) != nil {
		t.Error("keysFor offers a passphrase change on a store without one, or none on an encrypted one")
	}
}
