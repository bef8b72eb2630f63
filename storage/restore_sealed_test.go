package storage

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sync/protocol"
	bolt "go.etcd.io/bbolt"
)

// TestRestoreOfferSealed: a pulled tombstone of a contact that carries a
// restore offer keeps the contact's values to bring back; in an
// encrypted store they are sealed like the contact itself, the offer
// still resolves, and an erase removes it.
func TestRestoreOfferSealed(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	s := openAt(t, path, encOpts(testPass))
	entID := mustCreate(t, s, newEnt("浙江四联玩具有限公司"))
	id := "01JCONTACTRESTOREOFFER0001"
	r := protocol.Record{Kind: "contact", ID: id, Seq: 9, Deleted: stampOld,
		Fields: map[string]json.RawMessage{"enterprise_id": json.RawMessage(`"` + entID + `"`),
			"name": json.RawMessage(`"欧阳秘密"`), "wechat": json.RawMessage(`"wx_ouyang_secret"`)},
		Versions: map[string]string{"enterprise_id": stampOld, "name": stampOld, "wechat": stampNew},
		Conflicts: []protocol.Conflict{{ID: id + "/wechat/" + stampNew + "/restore", Kind: "contact", RecordID: id,
			Field: "wechat", Value: json.RawMessage(`"wx_ouyang_secret"`), Version: stampNew, Reason: protocol.ReasonAfterDelete}}}
	if err := s.ApplyRemote(ctx, []protocol.Record{r}, 9); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.ConflictCount(ctx); n != 1 {
		t.Fatalf("restore offer not kept: %d conflicts", n)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if l := leaks(t, path); len(l) > 0 {
		t.Errorf("restore offer left personal values in the file: %q", l)
	}
	s = openAt(t, path, encOpts(testPass))
	cs, err := s.Conflicts(ctx)
	if err != nil || len(cs) != 1 || cs[0].Title != "欧阳秘密" {
		t.Fatalf("restore offer after reopen: %+v %v", cs, err)
	}
	if err := s.Resolve(ctx, cs[0].ID, KeepMine); err != nil {
		t.Fatalf("restore a sealed offer: %v", err)
	}
	if rec, err := s.Get(ctx, id); err != nil || rec.(*record.Contact).WeChat != "wx_ouyang_secret" {
		t.Fatalf("restored contact: %+v %v", rec, err)
	}
	if err := s.Erase(ctx, id); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.ConflictCount(ctx); n != 0 {
		t.Errorf("erase left %d conflicts", n)
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketRestoreOffers); b != nil && b.Get([]byte(id)) != nil {
			t.Error("erase left the restore offer")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
