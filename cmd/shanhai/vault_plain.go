//go:build !shanhai_crypt

package main

import (
	"github.com/shanhaifield/shanhai/app"
	"github.com/shanhaifield/shanhai/storage"
)

// This file stands in for vault_crypt.go until the storage package
// offers encryption (storage.Options.Passphrase, ProbeFile, SetAside,
// RestoreBackup), real deletion (Store.Erase, package retention) and the
// role in SyncState. Once they are merged, delete this file and the
// build line of vault_crypt.go: the window then asks for the passphrase
// at start and offers backups, the retention review and role-aware
// actions.

// newVault returns nil: this build opens the store without a passphrase,
// and runGUI skips the unlock screen.
func newVault(string, string) guiVault { return nil }

// wireSecurity has nothing to connect in this build: with no role
// source the window offers every action, as before.
func wireSecurity(*app.UI, *storage.Store) {}
