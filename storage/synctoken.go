package storage

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// metaSyncToken holds the server token of an encrypted store, sealed. The
// token is a bearer credential for the zone's data on the server, so a
// laptop file read without the passphrase must not give it away; the
// rest of the sync state (server, user, cursor, last sync) stays
// readable, because ProbeFile shows it before the store is unlocked.
var metaSyncToken = []byte("sync_token")

// tokenAD binds the sealed token to its place in the file.
var tokenAD = []byte("meta\x00sync_token\x00token")

// readToken fills st.Token from the sealed key of an encrypted store. A
// plaintext store keeps the token in the sync state itself.
func (v *vault) readToken(tx *bolt.Tx, st *SyncState) error {
	if v == nil {
		return nil
	}
	sealed := tx.Bucket(bucketMeta).Get(metaSyncToken)
	if sealed == nil {
		return nil
	}
	plain, err := v.keys.Open(nil, sealed, tokenAD)
	if err != nil {
		return fmt.Errorf("open sync token: %w", err)
	}
	st.Token = string(plain)
	return nil
}

// writeToken stores st.Token sealed (or removes it when empty) in an
// encrypted store and returns the state to write beside it, without the
// token. A plaintext store's state is returned as it is.
func (v *vault) writeToken(tx *bolt.Tx, st SyncState) (SyncState, error) {
	if v == nil {
		return st, nil
	}
	meta := tx.Bucket(bucketMeta)
	var err error
	if st.Token == "" {
		err = meta.Delete(metaSyncToken)
	} else {
		err = meta.Put(metaSyncToken, v.keys.Seal(nil, []byte(st.Token), tokenAD))
	}
	if err != nil {
		return st, fmt.Errorf("store sync token: %w", err)
	}
	st.Token = ""
	return st, nil
}

// sealToken moves the token of a plaintext store's sync state under the
// sealed key; part of sealing a plaintext store.
func sealToken(tx *bolt.Tx, v *vault) error {
	st, err := readSyncState(tx)
	if err != nil || st.Token == "" {
		return err
	}
	if st, err = v.writeToken(tx, st); err != nil {
		return err
	}
	return writeSyncState(tx, st)
}
