package app

import (
	"context"

	"fyne.io/fyne/v2/lang"
)

// Role is what the server lets a signed-in user do (docs/roles.md).
type Role string

// The roles. Anything else, and no login at all, counts as RoleStaff.
const (
	RoleStaff   Role = "staff"
	RoleManager Role = "manager"
	RoleAdmin   Role = "admin"
)

// Identity is who uses the window as the server last said: user, role
// and zone from the last login. Offline the last known one applies.
type Identity struct {
	User, Server, Zone string
	Role               Role
	// Local marks a store that never signed in to a server: it is the
	// user's own, nothing enforces roles on it, so nothing is withheld
	// (the command line treats such a store the same way).
	Local bool
}

// Roles tells the window who is signed in; cmd/shanhai reads it from
// the sync state the login fills.
type Roles interface {
	Identity(ctx context.Context) (Identity, error)
}

// role is the effective role: empty or unknown means staff.
func (id Identity) role() Role {
	switch id.Role {
	case RoleManager, RoleAdmin:
		return id.Role
	}
	return RoleStaff
}

// permissions are the actions the window offers. The server enforces
// the same matrix; the window only stops offering what would be refused.
type permissions struct {
	// erase: real deletion of personal data (retention review).
	erase bool
	// answer: accept, return or mark landed a referral to the own zone.
	answer bool
	// zone limits erase and answer to one zone; "" means any (an admin,
	// a window without roles, or a login that named no zone).
	zone string
}

// permissionsOf returns what id may do; a window with no Roles at all
// (nil, a store never meant to sync) offers everything.
func permissionsOf(id *Identity) permissions {
	if id == nil || id.Local {
		return permissions{erase: true, answer: true}
	}
	r := id.role()
	p := permissions{erase: r != RoleStaff, answer: r != RoleStaff}
	if r == RoleManager {
		p.zone = id.Zone
	}
	return p
}

// inZone reports whether the permissions reach records of zone.
func (p permissions) inZone(zone string) bool { return p.zone == "" || p.zone == zone }

// roleLabel names a role in the interface language.
func roleLabel(r Role) string {
	switch r {
	case RoleManager:
		return lang.X("role.manager", "管理员（本区）")
	case RoleAdmin:
		return lang.X("role.admin", "系统管理员")
	}
	return lang.X("role.staff", "招商人员")
}

// identityText is the one line 设置 and 同步 show about the user.
func identityText(id *Identity, zoneName func(string) string) string {
	if id != nil && id.Local {
		return lang.X("role.local", "本机数据，尚未登录服务器：所有操作可用；登录后按服务器分配的角色。")
	}
	if id == nil || id.User == "" {
		return lang.X("role.not_logged_in", "未登录：按招商人员权限使用；登录后按服务器分配的角色。")
	}
	zone := lang.X("form.no_zone", "（未定）")
	if id.Zone != "" {
		zone = zoneName(id.Zone)
	}
	return lang.X("role.identity", "当前用户：{{.User}} · 角色：{{.Role}} · 开发区：{{.Zone}}",
		map[string]any{"User": id.User, "Role": roleLabel(id.role()), "Zone": zone})
}
