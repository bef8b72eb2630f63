package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"time"

	"github.com/shanhaifield/shanhai/app"
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/retention"
	"github.com/shanhaifield/shanhai/rulepack"
	"github.com/shanhaifield/shanhai/storage"
)

// The adapters from the storage, retention and role APIs of issue 7 to
// the window's interfaces (app/security.go, app/roles.go,
// app/retention_review.go). Built once those APIs are merged; until then
// vault_plain.go stands in.

// newVault returns the vault of the store file at path.
func newVault(path, author string) guiVault { return &storeVault{path: path, author: author} }

// storeVault opens the store at path with a passphrase. The opener calls
// it from background goroutines and the window's close from the UI one,
// hence the lock.
type storeVault struct {
	path, author string
	mu           sync.Mutex
	store        *storage.Store
}

func (v *storeVault) Probe(ctx context.Context) (app.Probe, error) {
	p, err := storage.ProbeFile(ctx, v.path)
	if err != nil {
		return app.Probe{}, fmt.Errorf("probe store: %w", err)
	}
	return app.Probe{Exists: p.Exists, Encrypted: p.Encrypted, Pending: p.Pending, PendingByKind: p.PendingByKind, LastSync: p.LastSync}, nil
}

func (v *storeVault) Open(ctx context.Context, passphrase []byte) (app.Services, error) {
	st, err := storage.Open(ctx, v.path, storage.Options{Author: v.author, Passphrase: passphrase})
	if err != nil {
		return nil, fmt.Errorf("open store: %w", wrongPassphrase(err))
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.store = st
	return st, nil
}

func (v *storeVault) Store() *storage.Store {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.store
}

func (v *storeVault) SetAside(context.Context) (string, error) {
	moved, err := storage.SetAside(v.path)
	if err != nil {
		return "", fmt.Errorf("set store aside: %w", err)
	}
	return moved, nil
}

func (v *storeVault) RestoreBackup(ctx context.Context, r io.Reader, passphrase []byte) error {
	if err := storage.RestoreBackup(ctx, r, passphrase, v.path); err != nil {
		return fmt.Errorf("restore backup: %w", wrongPassphrase(err))
	}
	return nil
}

func (v *storeVault) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.store == nil {
		return nil
	}
	err := v.store.Close()
	v.store = nil
	return err
}

// wrongPassphrase marks the storage package's wrong-passphrase error
// with the window's, which the unlock screen shows beside the entry.
func wrongPassphrase(err error) error {
	if errors.Is(err, storage.ErrWrongPassphrase) {
		return fmt.Errorf("%w: %w", app.ErrWrongPassphrase, err)
	}
	return err
}

// storeKeys is the open store's passphrase change and backup.
type storeKeys struct{ store *storage.Store }

func (k storeKeys) Backup(ctx context.Context, w io.Writer, passphrase []byte) error {
	return wrongPassphrase(k.store.Backup(ctx, w, passphrase))
}

func (k storeKeys) ChangePassphrase(ctx context.Context, old, new []byte) error {
	return wrongPassphrase(k.store.ChangePassphrase(ctx, old, new))
}

// storeRoles reads who is signed in from the sync state the login fills.
type storeRoles struct{ store *storage.Store }

func (r storeRoles) Identity(ctx context.Context) (app.Identity, error) {
	st, err := r.store.SyncState(ctx)
	if err != nil {
		return app.Identity{}, fmt.Errorf("read identity: %w", err)
	}
	if st.Server == "" {
		// Never signed in: the user's own store, as in the command line.
		return app.Identity{Local: true}, nil
	}
	if st.Token == "" {
		// Logged out: staff rights until the next login.
		return app.Identity{}, nil
	}
	return app.Identity{User: st.User, Server: st.Server, Zone: st.Zone, Role: app.Role(st.Role)}, nil
}

// storeRetention reviews every contact against the active rule pack's
// retention periods and erases for real.
type storeRetention struct {
	store    *storage.Store
	packPath string
}

func (r storeRetention) Review(ctx context.Context) ([]app.RetentionFlag, error) {
	pack, _, err := rulepack.Active(ctx, r.packPath)
	if err != nil {
		return nil, fmt.Errorf("retention review: %w", err)
	}
	in := retention.Input{Pack: pack}
	ents, err := r.store.List(ctx, record.KindEnterprise, storage.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("retention review: %w", err)
	}
	for _, e := range ents {
		in.Enterprises = append(in.Enterprises, e.(*record.Enterprise))
	}
	cs, err := r.store.List(ctx, record.KindContact, storage.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("retention review: %w", err)
	}
	for _, c := range cs {
		in.Contacts = append(in.Contacts, c.(*record.Contact))
	}
	return joinFlags(retention.Review(time.Now(), in)), nil
}

func (r storeRetention) Erase(ctx context.Context, id string) error {
	return r.store.Erase(ctx, id)
}

// joinFlags makes one row per contact; Review sorts a contact's flags
// together, so joining neighbours suffices.
func joinFlags(flags []retention.Flag) []app.RetentionFlag {
	var out []app.RetentionFlag
	for _, f := range flags {
		if n := len(out); n > 0 && out[n-1].ContactID == f.ContactID {
			out[n-1].Reason += "；" + f.Zh
			out[n-1].ReasonEn += "; " + f.En
			continue
		}
		out = append(out, app.RetentionFlag{ContactID: f.ContactID, Contact: f.ContactName,
			EnterpriseID: f.EnterpriseID, Enterprise: f.EnterpriseName, Zone: f.ZoneID, Reason: f.Zh, ReasonEn: f.En})
	}
	return out
}

// wireSecurity connects the window to the store's keys, its retention
// review and the signed-in role.
func wireSecurity(ui *app.UI, store *storage.Store) {
	ui.SetKeys(storeKeys{store})
	packPath := filepath.Join(filepath.Dir(store.Path()), rulepack.ImportedFile)
	ui.SetRetention(storeRetention{store: store, packPath: packPath})
	ui.SetRoles(storeRoles{store})
}

// The adapters must keep satisfying the window's interfaces.
var (
	_ guiVault      = (*storeVault)(nil)
	_ app.Keys      = storeKeys{}
	_ app.Roles     = storeRoles{}
	_ app.Retention = storeRetention{}
)
