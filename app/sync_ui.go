package app

import (
	"context"

	"github.com/shanhaifield/shanhai/sync/client"
)

// SetSyncer connects the 同步 screen and the login in 设置 to s. Without
// one, both say sync is not enabled. Call it on the UI goroutine.
func (u *UI) SetSyncer(s Syncer) {
	u.syncer = s
	u.syncScreen.syncer = s
	u.login.syncer = s
	u.login.reload()
	u.syncScreen.reload()
}

// SyncStatus shows what the background sync loop reported. It must run
// on the UI goroutine; wrap it in fyne.Do from the loop.
func (u *UI) SyncStatus(st client.Status) {
	u.syncScreen.online = st.Online
	u.synced(st.Err)
}

// synced shows the outcome of a sync: the pulled records on every
// screen, the state in the bottom bar and on 同步.
func (u *UI) synced(err error) {
	u.status.online, u.status.failed = err == nil, syncFailed(err)
	u.Refresh()
}

// runBackground runs work through u.background, which tests replace.
func (u *UI) runBackground(work func(context.Context) error, done func(error)) {
	u.background(work, done)
}
