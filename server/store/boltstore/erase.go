package boltstore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// EraseHistory implements store.Tx: mutation results are keyed by client
// and mutation, not by record, so the scan looks for the record ID in
// their bytes first and decodes only those. Erases are rare.
func (t *tx) EraseHistory(ctx context.Context, id string) error {
	b := t.b.Bucket(bMutations)
	changed := map[string][]byte{}
	err := b.ForEach(func(k, v []byte) error {
		if !bytes.Contains(v, []byte(id)) {
			return nil
		}
		var r protocol.Result
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("mutation %q: %w: %v", k, errCorrupt, err)
		}
		r, ok := store.ScrubResult(r, id)
		if !ok {
			return nil
		}
		data, err := json.Marshal(r)
		if err != nil {
			return err
		}
		changed[string(k)] = data
		return nil
	})
	if err != nil {
		return err
	}
	for k, v := range changed {
		if err := b.Put([]byte(k), v); err != nil {
			return fmt.Errorf("scrub mutation %q: %w", k, err)
		}
	}
	return ctx.Err()
}
