package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/shanhaifield/shanhai/app"
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/retention"
	"github.com/shanhaifield/shanhai/storage"
)

// TestStoreVault runs the window's vault over a real store file: create
// with a passphrase, change it, back up, refuse wrong passphrases as
// app.ErrWrongPassphrase, restore, and set the file aside.
func TestStoreVault(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), storage.FileName)
	v := newVault(path, "测试").(*storeVault)
	if p, err := v.Probe(ctx); err != nil || p.Exists {
		t.Fatalf("probe of no file: %+v, %v", p, err)
	}
	svc, err := v.Open(ctx, []byte("first pass"))
	if err != nil {
		t.Fatal(err)
	}
	e := &record.Enterprise{Name: "绍兴海川智能装备有限公司"}
	if err := svc.Create(ctx, e); err != nil {
		t.Fatal(err)
	}
	if err := svc.Create(ctx, &record.Contact{EnterpriseID: e.ID, Name: "王建国", LegalBasis: record.BasisPublic}); err != nil {
		t.Fatal(err)
	}
	k := storeKeys{v.Store()}
	if err := k.ChangePassphrase(ctx, []byte("not it at all"), []byte("second pass")); !errors.Is(err, app.ErrWrongPassphrase) {
		t.Errorf("change with a wrong old passphrase: %v", err)
	}
	if err := k.ChangePassphrase(ctx, []byte("first pass"), []byte("second pass")); err != nil {
		t.Fatal(err)
	}
	if err := k.Backup(ctx, &bytes.Buffer{}, []byte("first pass")); !errors.Is(err, app.ErrWrongPassphrase) {
		t.Errorf("backup with the old passphrase: %v", err)
	}
	var backup bytes.Buffer
	if err := k.Backup(ctx, &backup, []byte("second pass")); err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	p, err := v.Probe(ctx)
	if err != nil || !p.Exists || !p.Encrypted || p.Pending != 2 || p.PendingByKind[record.KindContact] != 1 {
		t.Errorf("probe: %+v, %v", p, err)
	}
	if _, err := v.Open(ctx, []byte("first pass")); !errors.Is(err, app.ErrWrongPassphrase) {
		t.Errorf("open with the old passphrase: %v", err)
	}
	if err := v.RestoreBackup(ctx, bytes.NewReader(backup.Bytes()), []byte("first pass")); !errors.Is(err, app.ErrWrongPassphrase) {
		t.Errorf("restore with a wrong passphrase: %v", err)
	}
	if err := v.RestoreBackup(ctx, bytes.NewReader(backup.Bytes()), []byte("second pass")); err != nil {
		t.Fatal(err)
	}
	svc, err = v.Open(ctx, []byte("second pass"))
	if err != nil {
		t.Fatal(err)
	}
	if n, err := svc.Count(ctx, record.KindContact); err != nil || n != 1 {
		t.Errorf("restored contacts %d, %v", n, err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	moved, err := v.SetAside(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(moved); err != nil {
		t.Errorf("the set-aside file is gone: %v", err)
	}
	if p, err := v.Probe(ctx); err != nil || p.Exists {
		t.Errorf("probe after setting aside: %+v, %v", p, err)
	}
}

// TestJoinFlags makes one row per contact with every reason.
func TestJoinFlags(t *testing.T) {
	got := joinFlags([]retention.Flag{
		{ContactID: "C1", ContactName: "王建国", EnterpriseID: "E1", EnterpriseName: "甲", ZoneID: "songyang", Zh: "企业已关闭超过保留期", En: "closed past the period"},
		{ContactID: "C1", ContactName: "王建国", EnterpriseID: "E1", EnterpriseName: "甲", ZoneID: "songyang", Zh: "未记录合法性基础", En: "no legal basis"},
		{ContactID: "C2", ContactName: "李梅", EnterpriseID: "E1", EnterpriseName: "甲", Zh: "同意已过期", En: "consent expired"},
	})
	want := []app.RetentionFlag{
		{ContactID: "C1", Contact: "王建国", EnterpriseID: "E1", Enterprise: "甲", Zone: "songyang",
			Reason: "企业已关闭超过保留期；未记录合法性基础", ReasonEn: "closed past the period; no legal basis"},
		{ContactID: "C2", Contact: "李梅", EnterpriseID: "E1", Enterprise: "甲", Reason: "同意已过期", ReasonEn: "consent expired"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("joinFlags =\n%+v\nwant\n%+v", got, want)
	}
}
