package main

import (
	"os/user"
	"time"

	"github.com/shanhaifield/shanhai/server/store"
)

// operator is who runs an administration command on the server machine,
// for the audit log: the operating-system account, as an admin.
func operator() store.Principal {
	name := "unknown"
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	return store.Principal{Name: "os:" + name, Role: store.RoleAdmin, Remote: "local"}
}

func nowUTC() time.Time { return time.Now().UTC() }
