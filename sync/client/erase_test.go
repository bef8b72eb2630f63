package client

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
	"github.com/shanhaifield/shanhai/server/auth"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/storage"
	bolt "go.etcd.io/bbolt"
)

// The person erased in TestEraseThroughServer; none of these may be left
// on the server or on any laptop afterwards.
var erasedPerson = []string{"王晓岚", "+8613912345678", "+8613987654321", "+8613900001111"}

func holdsPerson(data []byte) []string {
	var found []string
	for _, v := range erasedPerson {
		if bytes.Contains(data, []byte(v)) {
			found = append(found, v)
		}
	}
	return found
}

// eraseServer is a real sync server over HTTP on one backend.
type eraseServer struct {
	url string
	st  store.Store
	// leftovers stops the server and returns what its storage still
	// holds of the erased person, read below the store API.
	leftovers func(t *testing.T) []string
}

func TestEraseThroughServer(t *testing.T) {
	t.Run("bbolt", func(t *testing.T) {
		ts := startServer(t, nil)
		testEraseThroughServer(t, eraseServer{url: ts.url(), st: ts.st, leftovers: func(t *testing.T) []string {
			ts.stop()
			return holdsPerson(compacted(t, ts.path))
		}})
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := os.Getenv("SHANHAI_TEST_POSTGRES")
		if dsn == "" {
			if os.Getenv("CI") == "true" {
				t.Fatal("CI=true but SHANHAI_TEST_POSTGRES is not set")
			}
			t.Skip("SHANHAI_TEST_POSTGRES not set")
		}
		testEraseThroughServer(t, pgEraseServer(t, dsn))
	})
}

func testEraseThroughServer(t *testing.T, srv eraseServer) {
	ctx := context.Background()
	users := append(slices.Clone(testUsers), store.User{Name: "mia", Zone: "zone-a", Role: store.RoleManager})
	for i := range users {
		if users[i].Name == "dave" || users[i].Name == "carol" {
			users[i].Role = store.RoleStaff // the laptops below that must not erase
		}
	}
	for _, u := range users {
		u.Hash, _ = auth.HashPassword("pw-"+u.Name, cheap)
		if err := srv.st.PutUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	a := newLaptop(t, "a", srv.url, "mia", nil)   // manager
	b := newLaptop(t, "b", srv.url, "carol", nil) // staff
	s := newLaptop(t, "s", srv.url, "dave", nil)  // staff

	ent := &record.Enterprise{Name: "山海玩具有限公司"}
	if err := b.store.Create(ctx, ent); err != nil {
		t.Fatal(err)
	}
	person := &record.Contact{EnterpriseID: ent.ID, Name: "王晓岚", Mobile: "+8613912345678", LegalBasis: record.BasisPublic}
	other := &record.Contact{EnterpriseID: ent.ID, Name: "陈立", LegalBasis: record.BasisPublic}
	for _, c := range []*record.Contact{person, other} {
		if err := b.store.Create(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	mustSync(t, b)
	mustSync(t, a)
	mustSync(t, s)
	// Concurrent edits of the mobile leave a conflict holding a value on
	// the server and on the laptops.
	setMobile := func(l *laptop, mobile string) {
		if _, err := l.store.Patch(ctx, record.KindContact, person.ID, map[string]json.RawMessage{"mobile": json.RawMessage(`"` + mobile + `"`)}); err != nil {
			t.Fatal(err)
		}
	}
	setMobile(b, "+8613987654321")
	setMobile(a, "+8613900001111")
	mustSync(t, b)
	mustSync(t, a)
	mustSync(t, b)
	if n, _ := b.store.ConflictCount(ctx); n == 0 {
		t.Fatal("setup: laptop B should hold a conflict about the contact")
	}

	// Laptop S edits the contact offline; the edit is still unsent when
	// the erase happens.
	setMobile(s, "+8613900001111")

	// Laptop A (manager) erases the contact and syncs.
	if err := a.store.Erase(ctx, person.ID); err != nil {
		t.Fatal(err)
	}
	if rep := mustSync(t, a); rep.Rejected != 0 {
		t.Fatalf("manager's erase rejected: %+v", rep)
	}

	// The server holds none of its values: a full pull, a pull from the
	// start of history, and (below) the server's file itself.
	admin := store.Principal{Name: "root", Zone: "zone-a", Role: store.RoleAdmin}
	for _, after := range []uint64{0, 1} {
		page, err := srv.st.Pull(ctx, admin, after, 10000)
		if err != nil {
			t.Fatal(err)
		}
		all, _ := json.Marshal(page)
		if found := holdsPerson(all); len(found) > 0 {
			t.Fatalf("server pull after %d still holds %v", after, found)
		}
	}

	// Laptop B pulls: the contact is gone, and so is every conflict,
	// outbox entry or search hit holding its values.
	mustSync(t, b)
	for _, l := range []*laptop{a, b} {
		if _, err := l.store.Get(ctx, person.ID); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("%s still has the erased contact: %v", l.name, err)
		}
		cs, _ := l.store.Conflicts(ctx)
		out, _ := l.store.Outbox(ctx, 0)
		hits, _ := l.store.Search(ctx, "王晓岚", 10)
		views, _ := json.Marshal([]any{cs, out, hits})
		if found := holdsPerson(views); len(found) > 0 {
			t.Fatalf("%s still shows %v", l.name, found)
		}
		if _, err := l.store.Get(ctx, other.ID); err != nil {
			t.Fatalf("%s lost the other contact: %v", l.name, err)
		}
	}

	// S's stale edit is refused (record_erased), does not resurrect the
	// contact, and the pulled erase removes even the set-aside copy.
	stale := mustSync(t, s)
	if stale.Rejected != 1 {
		t.Fatalf("stale edit of an erased contact: %+v", stale)
	}
	rejected, _ := s.store.RejectedChanges(ctx)
	if _, err := s.store.Get(ctx, person.ID); !errors.Is(err, storage.ErrNotFound) || len(rejected) != 0 {
		t.Fatalf("laptop S after the erase: %v, rejected %+v", err, rejected)
	}
	page0, _ := srv.st.Pull(ctx, admin, 0, 10000)
	if all, _ := json.Marshal(page0); len(holdsPerson(all)) > 0 {
		t.Fatal("a stale edit resurrected the erased contact on the server")
	}

	// A staff user's erase is rejected and set aside; the server keeps the contact.
	if err := s.store.Erase(ctx, other.ID); err != nil {
		t.Fatal(err)
	}
	rep := mustSync(t, s)
	rej, _ := s.store.RejectedChanges(ctx)
	if rep.Rejected != 1 || len(rej) != 1 || rej[0].Code != "erase_forbidden" || rej[0].Change.Op != storage.OpErase {
		t.Fatalf("staff erase: report %+v, rejected %+v", rep, rej)
	}
	page, err := srv.st.Pull(ctx, admin, 0, 10000)
	if err != nil {
		t.Fatal(err)
	}
	if all, _ := json.Marshal(page); !bytes.Contains(all, []byte("陈立")) {
		t.Fatal("a rejected erase removed the contact on the server")
	}

	// The server's storage, read below the store API, holds no value either.
	if found := srv.leftovers(t); len(found) > 0 {
		t.Fatalf("the server's storage still holds %v", found)
	}
}

// compacted copies a closed bbolt file without its free pages and
// returns the copy's bytes: exactly the live data.
func compacted(t *testing.T, path string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "compact.db")
	src, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := bolt.Open(out, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bolt.Compact(dst, src, 0); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}
