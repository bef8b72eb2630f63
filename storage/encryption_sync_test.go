package storage

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// TestEncryptedSyncPath runs the sync side of the store on an encrypted
// file: pulled contacts, a conflict on a contact field, resolving it and
// a rejected push; afterwards the raw file holds none of the values.
func TestEncryptedSyncPath(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(ctx, path, encOpts(testPass))
	if err != nil {
		t.Fatal(err)
	}
	ent := mustCreate(t, s, newEnt("浙江四联玩具有限公司"))
	local := mustCreate(t, s, &record.Contact{EnterpriseID: ent, Name: "欧阳秘密", WeChat: "wx_ouyang_secret"})
	if _, err := s.Patch(ctx, record.KindContact, local, map[string]json.RawMessage{"email": json.RawMessage(`"ouyang@secret.example"`)}); err != nil {
		t.Fatal(err)
	}
	pulledID := "01JD0000000000000000000009"
	page := []protocol.Record{
		{Kind: "contact", ID: pulledID, Seq: 1,
			Fields:   map[string]json.RawMessage{"enterprise_id": json.RawMessage(`"` + ent + `"`), "name": json.RawMessage(`"司马隐私"`), "mobile": json.RawMessage(`"+8613787654321"`)},
			Versions: map[string]string{"enterprise_id": stampOld, "name": stampOld, "mobile": stampOld}},
		{Kind: "contact", ID: local, Seq: 2,
			Fields:   map[string]json.RawMessage{"enterprise_id": json.RawMessage(`"` + ent + `"`), "name": json.RawMessage(`"欧阳秘密"`), "email": json.RawMessage(`"wx_sima_hidden"`)},
			Versions: map[string]string{"enterprise_id": stampOld, "name": stampOld, "email": stampOld}},
	}
	if err := s.ApplyRemote(ctx, page, 2); err != nil {
		t.Fatal(err)
	}
	if hits, err := s.Search(ctx, "司马", 5); err != nil || len(hits) != 1 || hits[0].ID != pulledID {
		t.Errorf("pulled contact not searchable: %+v %v", hits, err)
	}
	if dups, err := s.FindDuplicates(ctx, newEnt("别家"), []string{"13787654321"}); err != nil || len(dups) != 1 {
		t.Errorf("pulled contact's mobile not indexed: %+v %v", dups, err)
	}
	cs, err := s.Conflicts(ctx)
	if err != nil || len(cs) != 1 || string(cs[0].Value) != `"wx_sima_hidden"` || string(cs[0].Current) != `"ouyang@secret.example"` {
		t.Fatalf("conflict on the encrypted store: %+v %v", cs, err)
	}
	if err := s.Resolve(ctx, cs[0].ID, KeepTheirs); err != nil {
		t.Fatal(err)
	}
	chs, _ := s.Outbox(ctx, 0)
	if err := s.AckPush(ctx, []Acked{{Seq: chs[len(chs)-1].Seq, Rejected: true, Code: "forbidden"}}); err != nil {
		t.Fatal(err)
	}
	if rej, err := s.RejectedChanges(ctx); err != nil || len(rej) != 1 || rej[0].Change.Kind != record.KindContact {
		t.Errorf("rejected: %+v %v", rej, err)
	}
	mustHealthy(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if l := leaks(t, path); len(l) > 0 {
		t.Errorf("file holds %q", l)
	}
}
