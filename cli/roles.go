package cli

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/shanhaifield/shanhai/storage"
)

// The CLI refuses, before changing anything, what the signed-in role may
// not do (docs/roles.md); the server refuses it anyway. The role is the
// one learned at the last login, so the check works offline. A store
// never signed in to a server is the user's own and is not limited; one
// signed in without a known role counts as staff.

// roleNames are the roles in Chinese, for messages.
var roleNames = map[string]string{"staff": "招商人员", "manager": "开发区负责人", "admin": "管理员"}

// permission is one action some roles may not take.
type permission struct {
	zh, en string // what the action is, for the message
	allow  func(role, zone string) bool
}

var (
	permDelete = permission{"删除记录", "delete records",
		func(role, _ string) bool { return role == "manager" || role == "admin" }}
	// permErase is for the erase command (real deletion): as delete.
	permErase = permission{"彻底删除个人信息", "erase records",
		func(role, _ string) bool { return role == "manager" || role == "admin" }}
	permRules = permission{"导入规则包", "import rule packs",
		func(role, _ string) bool { return role == "admin" }}
)

// permAnswer is answering (accepting, returning, landing) a referral to
// toZone: its manager or an admin.
func permAnswer(toZone string) permission {
	return permission{"接收、退回或登记落地转介（仅限接收方开发区负责人）", "answer a referral (its receiving zone's manager only)",
		func(role, zone string) bool { return role == "admin" || (role == "manager" && zone == toZone) }}
}

// localRole returns the role and zone the store last learned at login,
// and whether the store was ever signed in to a server.
func localRole(ctx context.Context, st *storage.Store) (role, zone string, bound bool, err error) {
	ss, err := st.SyncState(ctx)
	if err != nil {
		return "", "", false, err
	}
	role = ss.Role
	if role == "" {
		role = "staff"
	}
	return role, ss.Zone, ss.Server != "", nil
}

// checkRole refuses p when the store's role does not allow it.
func checkRole(ctx context.Context, st *storage.Store, p permission) error {
	role, zone, bound, err := localRole(ctx, st)
	if err != nil || !bound || p.allow(role, zone) {
		return err
	}
	return &bilingualError{
		zh: fmt.Sprintf("当前角色为%s（%s），无权%s；服务器也会拒绝。如需此权限请联系管理员", roleNames[role], role, p.zh),
		en: fmt.Sprintf("your role %s may not %s; the server would refuse it too (ask an admin for the right)", role, p.en)}
}

// checkRoleAt opens the store only to read the role: for commands that
// do not otherwise use it. No store file means no server, no limits.
func checkRoleAt(s *session, p permission) error {
	if _, err := os.Stat(StorePath(s.g.DataDir)); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return s.withStore(func(st *storage.Store) error { return checkRole(s.ctx, st, p) })
}
