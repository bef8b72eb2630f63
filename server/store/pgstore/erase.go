package pgstore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// EraseHistory implements store.Tx. The records row itself is replaced
// by the tombstone (data and wire) when the batch is flushed; the other
// table holding values of a record is mutations, whose results carry
// conflicts. Results of this batch not yet flushed are scrubbed in
// memory, stored ones by an UPDATE sent with the batch.
func (t *tx) EraseHistory(ctx context.Context, id string) error {
	for i, data := range t.newMuts.results {
		scrubbed, ok, err := scrubJSON(data, id)
		if err != nil {
			return fmt.Errorf("mutation %s: %w", t.newMuts.ids[i], err)
		}
		if ok {
			t.newMuts.results[i] = scrubbed
		}
	}
	for m, r := range t.mutations {
		if r != nil {
			if s, ok := store.ScrubResult(*r, id); ok {
				t.mutations[m] = &s
			}
		}
	}
	rows, err := t.tx.Query(ctx, "SELECT client_id, mutation_id, result FROM mutations WHERE position($1::bytea IN result) > 0", []byte(id))
	if err != nil {
		return fmt.Errorf("find mutations of %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var client, mutation string
		var data []byte
		if err := rows.Scan(&client, &mutation, &data); err != nil {
			return err
		}
		scrubbed, ok, err := scrubJSON(data, id)
		if err != nil {
			return fmt.Errorf("mutation %s: %w", mutation, err)
		}
		if ok {
			t.pending.Queue("UPDATE mutations SET result = $3 WHERE client_id = $1 AND mutation_id = $2", client, mutation, scrubbed)
		}
	}
	return rows.Err()
}

func scrubJSON(data []byte, id string) ([]byte, bool, error) {
	var r protocol.Result
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, false, err
	}
	r, ok := store.ScrubResult(r, id)
	if !ok {
		return data, false, nil
	}
	out, err := json.Marshal(r)
	return out, true, err
}
