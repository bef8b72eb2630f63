package app

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// History of the fake: what the real store infers for a record written
// without entries (its creation, from Meta).
func (f *fakeServices) History(ctx context.Context, id string) ([]storage.HistoryEntry, error) {
	rec, err := f.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	h := rec.Header()
	return []storage.HistoryEntry{{At: h.CreatedAt, Author: h.Author, Op: storage.HistoryCreate, Kind: rec.Kind(), Inferred: true}}, nil
}

// TestHistoryTab edits an enterprise and its contact in a real store and
// checks the 历史 tab lists each change with its fields and author, and
// no contact value.
func TestHistoryTab(t *testing.T) {
	ctx := context.Background()
	store := openStore(t)
	e := &record.Enterprise{Name: "衢州示例新材料有限公司", Stage: record.StageLead}
	mustCreate(t, store, e)
	c := &record.Contact{EnterpriseID: e.ID, Name: "周示例", Mobile: "13800138000", LegalBasis: record.BasisPublic}
	mustCreate(t, store, c)
	if _, err := store.Patch(ctx, record.KindEnterprise, e.ID, map[string]json.RawMessage{"stage": json.RawMessage(`"visited"`), "employees": json.RawMessage(`120`)}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Patch(ctx, record.KindContact, c.ID, map[string]json.RawMessage{"mobile": json.RawMessage(`"13900139000"`)}); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	u.openEnterprise(e.ID)
	u.detail.tabs.SelectIndex(5)
	markup := test.RenderToMarkup(u.Window().Canvas())
	for _, want := range []string{"修改　联系人「周示例」　测试", "字段：手机号码", "修改　企业「衢州示例新材料有限公司」　测试", "字段：员工人数、阶段", "新建　企业", "新建　联系人"} {
		if !strings.Contains(markup, want) {
			t.Errorf("history tab lacks %q", want)
		}
	}
	for _, value := range []string{"13900139000", "138 0013 8000", "+8613800138000"} {
		if strings.Contains(markup, value) {
			t.Errorf("history tab shows the value %q", value)
		}
	}
	changes, err := historyChanges(ctx, store, u.detail.ent, u.detail.children)
	if err != nil || len(changes) != 4 || changes[0].op != storage.HistoryUpdate || changes[0].kind != record.KindContact {
		t.Errorf("changes %+v, %v: want four, newest (the contact's mobile) first", changes, err)
	}
}

// TestHistoryLabelsEnglish checks the operation names follow the
// interface language.
func TestHistoryLabelsEnglish(t *testing.T) {
	if got := historyOpLabel(storage.HistoryMerge); got != "同步合并" {
		t.Errorf("Chinese merge label %q", got)
	}
	useEnglish(t)
	if got := historyOpLabel(storage.HistoryMerge); got != "Merged from sync" {
		t.Errorf("English merge label %q", got)
	}

}

// useEnglish switches the interface to English for one test.
func useEnglish(t *testing.T) {
	t.Helper()
	if err := LoadTranslations(LanguageEnglish); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := LoadTranslations(LanguageChinese); err != nil {
			t.Fatal(err)
		}
	})
}
