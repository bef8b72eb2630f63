package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sealing"
	"github.com/shanhaifield/shanhai/sync/protocol"
	bolt "go.etcd.io/bbolt"
)

var testPass = []byte("山海 correct horse")

// encOpts are the options of an encrypted test store: cheap argon2.
func encOpts(pass []byte) Options {
	return Options{Author: "tester", Now: newTestClock().Now, Passphrase: pass, KeyCost: sealing.LowCostParams()}
}

// personal are the values that must never appear in the file of an
// encrypted store, with the mobile in both of its usual forms.
var personal = []string{"欧阳秘密", "+8613912345678", "13912345678", "139 1234 5678", "wx_ouyang_secret", "ouyang@secret.example",
	"司马隐私", "13787654321", "在茶室谈了扩产计划和家庭情况", "wx_sima_hidden", testToken}

// testToken is a server token: a bearer credential, sealed like the
// personal values.
const testToken = "tok.secret-bearer-0123456789"

// fillPersonal writes an enterprise, contacts, a visit and a few edits
// and deletes, so values pass through outbox, free pages and indexes.
func fillPersonal(t *testing.T, s *Store) (entID, contactID string) {
	t.Helper()
	ctx := context.Background()
	entID = mustCreate(t, s, newEnt("浙江四联玩具有限公司"))
	c := &record.Contact{EnterpriseID: entID, Name: "欧阳秘密", Mobile: "139 1234 5678", WeChat: "wx_ouyang_secret",
		Email: "ouyang@secret.example", Title: "总经理"}
	contactID = mustCreate(t, s, c)
	gone := mustCreate(t, s, &record.Contact{EnterpriseID: entID, Name: "司马隐私", Mobile: "13787654321", WeChat: "wx_sima_hidden"})
	mustCreate(t, s, &record.Visit{EnterpriseID: entID, Date: "2026-11-20", Summary: "在茶室谈了扩产计划和家庭情况"})
	if _, err := s.Patch(ctx, record.KindContact, contactID, map[string]json.RawMessage{"title": json.RawMessage(`"董事长"`)}); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, gone); err != nil {
		t.Fatal(err)
	}
	err := s.UpdateSyncState(ctx, func(st *SyncState) error {
		st.Server, st.User, st.Token = "https://hq.example", "li", testToken
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return entID, contactID
}

// leaks lists the personal values found in the raw file.
func leaks(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, p := range personal {
		if bytes.Contains(raw, []byte(p)) {
			found = append(found, p)
		}
	}
	return found
}

func TestEncryptedFileHoldsNoPersonalData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(ctx, path, encOpts(testPass))
	if err != nil {
		t.Fatal(err)
	}
	if !s.Encrypted() {
		t.Fatal("store with a passphrase is not encrypted")
	}
	entID, cid := fillPersonal(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if l := leaks(t, path); len(l) > 0 {
		t.Errorf("file holds personal values: %q", l)
	}
	s = openAt(t, path, encOpts(testPass))
	checkUnlocked(t, s, entID, cid)
}

// checkUnlocked checks that reads, search, duplicates and Doctor work on
// an unlocked store filled by fillPersonal.
func checkUnlocked(t *testing.T, s *Store, entID, cid string) {
	t.Helper()
	ctx := context.Background()
	rec, err := s.Get(ctx, cid)
	if err != nil {
		t.Fatal(err)
	}
	if c := rec.(*record.Contact); c.Name != "欧阳秘密" || c.Mobile != "+8613912345678" || c.Title != "董事长" {
		t.Errorf("contact after reopen: %+v", c)
	}
	hits, err := s.Search(ctx, "欧阳", 10)
	if err != nil || len(hits) != 1 || hits[0].ID != cid {
		t.Errorf("search 欧阳: %+v %v", hits, err)
	}
	hits, err = s.Search(ctx, "13912345678", 10)
	if err != nil || len(hits) != 1 || hits[0].ID != cid {
		t.Errorf("search by mobile: %+v %v", hits, err)
	}
	dups, err := s.FindDuplicates(ctx, newEnt("另一家公司"), []string{"+86 139-1234-5678"})
	if err != nil || len(dups) != 1 || dups[0].ID != entID || dups[0].Reason != ReasonMobile {
		t.Errorf("duplicate by mobile: %+v %v", dups, err)
	}
	visits, err := s.List(ctx, record.KindVisit, ListOptions{Enterprise: entID})
	if err != nil || len(visits) != 1 || visits[0].(*record.Visit).Summary != "在茶室谈了扩产计划和家庭情况" {
		t.Errorf("visits: %+v %v", visits, err)
	}
	chs, err := s.Outbox(ctx, 0)
	if err != nil || len(chs) != 6 {
		t.Errorf("outbox: %d changes, %v", len(chs), err)
	}
	checkToken(t, s)
	mustHealthy(t, s)
}

// checkToken checks that the sealed server token reads back whole.
func checkToken(t *testing.T, s *Store) {
	t.Helper()
	st, err := s.SyncState(context.Background())
	if err != nil || st.Token != testToken || st.User != "li" {
		t.Errorf("sync state after reopen: token %q user %q, %v", st.Token, st.User, err)
	}
}

func TestPlaintextStoreMigratesAndCompacts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(ctx, path, Options{Author: "tester", Now: newTestClock().Now})
	if err != nil {
		t.Fatal(err)
	}
	entID, cid := fillPersonal(t, s)
	chs, _ := s.Outbox(ctx, 0)
	// One change rejected by the server and one conflict: both carry values.
	if err := s.AckPush(ctx, []Acked{{Seq: chs[1].Seq, Rejected: true, Code: "x"}}); err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucketIfNotExists(bucketConflicts); err != nil {
			return err
		}
		return s.vault.putConflict(tx, protocol.Conflict{Kind: "contact", RecordID: cid, Field: "wechat",
			Value: json.RawMessage(`"wx_ouyang_secret"`), Version: "1"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Every value as stored (the typed "139 1234 5678" is stored
	// normalised) must be in the plaintext file, or the test is blind.
	if l := leaks(t, path); len(l) != len(personal)-1 || slices.Contains(l, "139 1234 5678") {
		t.Fatalf("plaintext store should hold every stored value before migration, found %q", l)
	}
	if p, err := Open(ctx, path, Options{}); err != nil {
		t.Fatalf("plaintext store without passphrase: %v", err)
	} else if p.Encrypted() || p.Close() != nil {
		t.Fatal("plaintext store opened without passphrase is encrypted or does not close")
	}
	s, err = Open(ctx, path, encOpts(testPass))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if l := leaks(t, path); len(l) > 0 {
		t.Errorf("migrated file holds personal values: %q", l)
	}
	if _, err := os.Stat(path + compactSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("compaction left its copy: %v", err)
	}
	s = openAt(t, path, encOpts(testPass))
	rej, err := s.RejectedChanges(ctx)
	if err != nil || len(rej) != 1 || rej[0].Change.Kind != record.KindContact {
		t.Errorf("rejected after migration: %+v %v", rej, err)
	}
	cs, err := s.Conflicts(ctx)
	if err != nil || len(cs) != 1 || string(cs[0].Value) != `"wx_ouyang_secret"` {
		t.Errorf("conflicts after migration: %+v %v", cs, err)
	}
	// fillPersonal made 6 changes; one was set aside.
	got, _ := s.Outbox(ctx, 0)
	if len(got) != 5 {
		t.Errorf("outbox after migration: %d changes, want 5", len(got))
	}
	rec, err := s.Get(ctx, cid)
	if err != nil || rec.(*record.Contact).WeChat != "wx_ouyang_secret" {
		t.Errorf("contact after migration: %+v %v", rec, err)
	}
	if dups, err := s.FindDuplicates(ctx, newEnt("x"), []string{"13912345678"}); err != nil || len(dups) != 1 || dups[0].ID != entID {
		t.Errorf("duplicates after migration: %+v %v", dups, err)
	}
	checkToken(t, s)
	mustHealthy(t, s)
}

func TestLockedAndWrongPassphrase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(ctx, path, encOpts(testPass))
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, newEnt("某公司"))
	s.Close()
	tests := []struct {
		name string
		pass []byte
		want error
	}{
		{"no passphrase", nil, ErrLocked},
		{"wrong", []byte("wrong"), ErrWrongPassphrase},
		{"empty", []byte{}, ErrWrongPassphrase},
	}
	for _, tt := range tests {
		s, err := Open(ctx, path, encOpts(tt.pass))
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
		}
		if err == nil {
			s.Close()
		}
	}
	if _, err := Open(ctx, filepath.Join(t.TempDir(), FileName), encOpts([]byte{})); err == nil {
		t.Error("a new store took an empty passphrase")
	}
}

// rawValues reads every value of the contact bucket as stored.
func rawValues(t *testing.T, path string) map[string][]byte {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string][]byte{}
	err = db.View(func(tx *bolt.Tx) error {
		for _, k := range []record.Kind{record.KindContact, record.KindVisit} {
			_ = tx.Bucket(kindBucket(k)).ForEach(func(k, v []byte) error {
				out[string(k)] = bytes.Clone(v)
				return nil
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestChangePassphraseRewrapsOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(ctx, path, encOpts(testPass))
	if err != nil {
		t.Fatal(err)
	}
	_, cid := fillPersonal(t, s)
	s.Close()
	before := rawValues(t, path)
	s, err = Open(ctx, path, encOpts(testPass))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ChangePassphrase(ctx, []byte("not it"), []byte("new one")); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("change with a wrong old passphrase: %v", err)
	}
	if err := s.ChangePassphrase(ctx, testPass, []byte("new one")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	after := rawValues(t, path)
	if len(before) != 2 || len(after) != len(before) {
		t.Fatalf("values: %d before, %d after", len(before), len(after))
	}
	for k, v := range before {
		if !bytes.Equal(after[k], v) {
			t.Errorf("record %s was rewritten", k)
		}
	}
	if _, err := Open(ctx, path, encOpts(testPass)); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("old passphrase after change: %v", err)
	}
	s = openAt(t, path, encOpts([]byte("new one")))
	if _, err := s.Get(ctx, cid); err != nil {
		t.Errorf("read with new passphrase: %v", err)
	}
}

func TestSealedValuesCannotBeSwapped(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), FileName), encOpts(testPass))
	ent := mustCreate(t, s, newEnt("某公司"))
	a := mustCreate(t, s, newContact(ent, "甲", "13900000001"))
	b := mustCreate(t, s, newContact(ent, "乙", "13900000002"))
	err := s.db.Update(func(tx *bolt.Tx) error {
		bk := tx.Bucket(kindBucket(record.KindContact))
		return bk.Put([]byte(b), bytes.Clone(bk.Get([]byte(a))))
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, b); !errors.Is(err, sealing.ErrOpen) {
		t.Errorf("value moved from %s to %s: got %v, want ErrOpen", a, b, err)
	}
	found, err := s.Doctor(ctx)
	if err != nil || !slices.ContainsFunc(found, func(f Inconsistency) bool { return f.Key == b }) {
		t.Errorf("doctor does not report the moved value: %+v %v", found, err)
	}
}
