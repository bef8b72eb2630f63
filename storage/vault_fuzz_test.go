package storage

import (
	"testing"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/sealing"
)

// FuzzStoredValue: any bytes in a contact's slot, or an outbox entry,
// decode or fail with an error, sealed or plaintext, locked or not.
func FuzzStoredValue(f *testing.F) {
	keys, _ := sealing.NewKeys()
	v := &vault{keys: keys}
	c := &record.Contact{Meta: record.Meta{ID: "01JAAAAAAAAAAAAAAAAAAAAAAA"}, Name: "张三", Mobile: "+8613800138000"}
	sealed, _ := v.encode(c)
	f.Add(sealed)
	f.Add([]byte(`{"id":"01JAAAAAAAAAAAAAAAAAAAAAAA","name":"张三"}`))
	f.Add([]byte{sealedMark, 'c', 0, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, vt := range []*vault{v, nil} {
			rec, err := vt.decode(record.KindContact, []byte(c.ID), data)
			if err == nil && rec == nil {
				t.Fatal("no error and no record")
			}
			_, _ = vt.decodeChange(bucketOutbox, seqKey(1), data)
			_, _ = kindOfJSON(data)
		}
	})
}
