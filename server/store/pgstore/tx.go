package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// tx implements store.Tx on a transaction that holds the counter lock.
// A push of 500 changes would cost thousands of round trips one query at
// a time, so tx reads the batch's records and mutations up front, keeps
// its own writes in memory and sends them in one pipelined batch before
// commit.
type tx struct {
	tx   pgx.Tx
	seq  uint64 // last number handed out
	used bool

	records   map[string]*store.Record // nil: known to be absent
	mutations map[string]*protocol.Result
	dirty     []string // record IDs to write, in first-write order
	isDirty   map[string]bool
	pending   *pgx.Batch
	newMuts   struct {
		client  string
		ids     []string
		results [][]byte
	}
	client *clientRow
	// last is the client's last applied mutation (clients row), read
	// with the prefetch when the batch names the one it follows.
	last   string
	audit  []store.AuditEntry
	absent map[string]bool // records looked up and found to have no row
	fresh  [][]any         // COPY rows of the absent records written
	// copyMin is Store.copyMin: copyMin, or 1 in the test that runs the
	// conformance suite through COPY.
	copyMin int
}

type clientRow struct {
	id, mutation string
	seq          uint64
	at           time.Time
}

func newTx(ptx pgx.Tx) *tx {
	return &tx{tx: ptx, records: map[string]*store.Record{}, mutations: map[string]*protocol.Result{},
		isDirty: map[string]bool{}, pending: &pgx.Batch{}, absent: map[string]bool{}, copyMin: copyMin}
}

// lockSeqSQL takes the counter row lock for the rest of the transaction
// and reads the current value.
const lockSeqSQL = "SELECT value FROM counters WHERE name = 'seq' FOR UPDATE"

// lockSeq takes the sequence lock on its own (purge).
func (t *tx) lockSeq(ctx context.Context) error {
	var v int64
	if err := t.tx.QueryRow(ctx, lockSeqSQL).Scan(&v); err != nil {
		return fmt.Errorf("lock sequence: %w", err)
	}
	t.seq = uint64(v)
	return nil
}

// lockAndPrefetch takes the sequence lock and loads the records and
// mutation results a batch will touch (the changed records and the
// enterprises they name) in one round trip. The reads are queued after
// the lock and PostgreSQL runs a pipeline in order, so each read takes
// its snapshot once the lock is held and sees every earlier push.
func (t *tx) lockAndPrefetch(ctx context.Context, req protocol.PushRequest) error {
	ids := make([]string, 0, len(req.Changes))
	mids := make([]string, 0, len(req.Changes))
	for _, c := range req.Changes {
		ids = append(ids, c.RecordID)
		mids = append(mids, c.MutationID)
		var parent string
		if json.Unmarshal(c.Fields["enterprise_id"], &parent) == nil && parent != "" {
			ids = append(ids, parent)
		}
	}
	for _, id := range ids {
		t.records[id] = nil
		t.absent[id] = true
	}
	for _, m := range mids {
		t.mutations[m] = nil
	}
	b := &pgx.Batch{}
	b.Queue(customPlans)
	b.Queue(lockSeqSQL).QueryRow(func(row pgx.Row) error {
		var v int64
		if err := row.Scan(&v); err != nil {
			return fmt.Errorf("lock sequence: %w", err)
		}
		t.seq = uint64(v)
		return nil
	})
	b.Queue(prefetchRecords, ids).Query(t.scanPrefetched)
	b.Queue(prefetchMutations, req.ClientID, mids).Query(t.scanMutations)
	if req.After != "" {
		b.Queue("SELECT mutation_id FROM clients WHERE client_id = $1", req.ClientID).Query(t.scanLast)
	}
	if err := t.tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("lock and prefetch: %w", err)
	}
	return nil
}

// scanPrefetched keeps the prefetched records.
func (t *tx) scanPrefetched(rows pgx.Rows) error {
	recs, err := pgx.CollectRows(rows, scanRecord)
	if err != nil {
		return fmt.Errorf("prefetch records: %w", err)
	}
	for i := range recs {
		t.records[recs[i].State.ID] = &recs[i]
		delete(t.absent, recs[i].State.ID)
	}
	return nil
}

// scanMutations keeps the prefetched mutation results.
func (t *tx) scanMutations(rows pgx.Rows) error {
	for rows.Next() {
		var id string
		var data []byte
		var r protocol.Result
		if err := rows.Scan(&id, &data); err != nil {
			return fmt.Errorf("prefetch mutations: %w", err)
		}
		if err := json.Unmarshal(data, &r); err != nil {
			return fmt.Errorf("decode mutation %s: %w", id, err)
		}
		t.mutations[id] = &r
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("prefetch mutations: %w", err)
	}
	return nil
}

// scanLast keeps the client's last applied mutation (none: "").
func (t *tx) scanLast(rows pgx.Rows) error {
	for rows.Next() {
		if err := rows.Scan(&t.last); err != nil {
			return fmt.Errorf("read client: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read client: %w", err)
	}
	return nil
}

// customPlans makes every statement of a push plan with its real
// arguments and the table's current size. A cached generic plan is made
// once per connection, after five runs, and kept until the next ANALYZE:
// made while the records table was still small it scans the whole table,
// and autovacuum may take a minute to notice the table grew a
// hundredfold. Planning these statements costs microseconds.
const customPlans = "SET LOCAL plan_cache_mode = force_custom_plan"

// The prefetch queries look up each key by itself (a lateral subquery
// the planner may not flatten) instead of "id = ANY($1)": a table filled
// by its first pushes has statistics of a small table, and a generic
// plan of the ANY form made then scanned the whole table comparing every
// row with every key: up to half a second per push at 50k records.
const (
	prefetchRecords = `SELECT r.data FROM unnest($1::text[]) AS u(id)
		CROSS JOIN LATERAL (SELECT data FROM records WHERE records.id = u.id OFFSET 0) AS r`
	prefetchMutations = `SELECT u.m, r.result FROM unnest($2::text[]) AS u(m)
		CROSS JOIN LATERAL (SELECT result FROM mutations
			WHERE client_id = $1 AND mutation_id = u.m OFFSET 0) AS r`
)

// flush sends every buffered write and the counter in one round trip,
// with one multi-row statement per table: a statement per row cost about
// half a millisecond each on a busy server.
func (t *tx) flush(ctx context.Context) error {
	if err := t.queueRecords(); err != nil {
		return err
	}
	if len(t.newMuts.ids) > 0 {
		t.pending.Queue(`INSERT INTO mutations (client_id, mutation_id, result)
			SELECT $1, m, r FROM unnest($2::text[], $3::bytea[]) AS u(m, r)`,
			t.newMuts.client, t.newMuts.ids, t.newMuts.results)
	}
	if t.used {
		t.pending.Queue("UPDATE counters SET value = $1 WHERE name = 'seq'", int64(t.seq))
	}
	if err := t.copyFresh(ctx); err != nil {
		return err
	}
	if err := queueAudit(ctx, t.tx, t.pending, t.audit); err != nil {
		return err
	}
	if c := t.client; c != nil {
		t.pending.Queue(`INSERT INTO clients (client_id, mutation_id, client_seq, at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (client_id) DO UPDATE SET mutation_id = EXCLUDED.mutation_id, client_seq = EXCLUDED.client_seq, at = EXCLUDED.at`,
			c.id, c.mutation, int64(c.seq), c.at)
	}
	if t.pending.Len() == 0 {
		return nil
	}
	if err := t.tx.SendBatch(ctx, t.pending).Close(); err != nil {
		return fmt.Errorf("write batch: %w", err)
	}
	return nil
}

// recordColumns are the columns written per record, in the order
// queueRecords and the COPY rows hold them.
var recordColumns = []string{"id", "seq", "index_zones", "zones", "kind", "tomb", "parent", "data", "wire"}

// copyMin is the number of new records from which a COPY pays for its
// extra round trip (a push of 10 new records is faster in the upsert).
const copyMin = 32

// queueRecords encodes every written record. Records a lookup in this
// transaction found to have no row (certain: the sequence lock is held
// and only pushes insert records) go into t.fresh for a COPY, which costs
// about half an upsert per row but a round trip of its own, so only
// when there are at least copyMin of them; the others, however they were
// read, are queued as one upsert. Zone lists travel to the upsert as
// array literals because unnest cannot return rows of arrays.
func (t *tx) queueRecords() error {
	var ids, kinds, parents, idxZones, zones []string
	var seqs []int64
	var tombs []bool
	var data, wire [][]byte
	fresh := 0
	for _, id := range t.dirty {
		if t.absent[id] {
			fresh++
		}
	}
	for _, id := range t.dirty {
		rec := t.records[id]
		d, err := store.EncodeRecord(*rec)
		if err != nil {
			return fmt.Errorf("encode record %s: %w", id, err)
		}
		w, err := store.Wire(*rec)
		if err != nil {
			return err
		}
		if t.absent[id] && fresh >= t.copyMin {
			t.fresh = append(t.fresh, []any{id, int64(rec.Seq), textArray(rec.IndexZones()), textArray(rec.Zones), rec.State.Kind, rec.Tomb(), rec.Parent, d, w})
			continue
		}
		ids, kinds, parents, seqs, tombs = append(ids, id), append(kinds, rec.State.Kind), append(parents, rec.Parent), append(seqs, int64(rec.Seq)), append(tombs, rec.Tomb())
		idxZones, zones = append(idxZones, arrayLiteral(rec.IndexZones())), append(zones, arrayLiteral(rec.Zones))
		data, wire = append(data, d), append(wire, w)
	}
	if len(ids) == 0 {
		return nil
	}
	t.pending.Queue(`INSERT INTO records (id, seq, index_zones, zones, kind, tomb, parent, data, wire)
		SELECT id, seq, iz::text[], z::text[], kind, tomb, parent, data, wire
		FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bool[], $7::text[], $8::bytea[], $9::bytea[])
			AS u(id, seq, iz, z, kind, tomb, parent, data, wire)
		ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, index_zones = EXCLUDED.index_zones,
			zones = EXCLUDED.zones, kind = EXCLUDED.kind, tomb = EXCLUDED.tomb,
			parent = EXCLUDED.parent, data = EXCLUDED.data, wire = EXCLUDED.wire`,
		ids, seqs, idxZones, zones, kinds, tombs, parents, data, wire)
	return nil
}

// copyFresh inserts the records queueRecords found new with COPY.
func (t *tx) copyFresh(ctx context.Context) error {
	if len(t.fresh) == 0 {
		return nil
	}
	if _, err := t.tx.CopyFrom(ctx, pgx.Identifier{"records"}, recordColumns, pgx.CopyFromRows(t.fresh)); err != nil {
		return fmt.Errorf("copy new records: %w", err)
	}
	return nil
}

// textArray is ss for COPY, where a nil slice would be NULL: an empty
// zone list is an empty array, as arrayLiteral writes it.
func textArray(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// arrayLiteral writes a PostgreSQL text[] literal with every element
// quoted, so zone names with commas, quotes or braces survive.
func arrayLiteral(ss []string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, s := range ss {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		for _, r := range s {
			if r == '"' || r == '\\' {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

// NextSeq implements store.Tx.
func (t *tx) NextSeq(ctx context.Context) (uint64, error) {
	t.seq++
	t.used = true
	return t.seq, ctx.Err()
}

// Record implements store.Tx.
func (t *tx) Record(ctx context.Context, id string) (store.Record, bool, error) {
	if r, known := t.records[id]; known {
		if r == nil {
			return store.Record{}, false, nil
		}
		return *r, true, nil
	}
	var data []byte
	err := t.tx.QueryRow(ctx, "SELECT data FROM records WHERE id = $1", id).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		t.records[id] = nil
		t.absent[id] = true
		return store.Record{}, false, nil
	}
	if err != nil {
		return store.Record{}, false, fmt.Errorf("read record %s: %w", id, err)
	}
	var r store.Record
	if err := json.Unmarshal(data, &r); err != nil {
		return store.Record{}, false, fmt.Errorf("decode record %s: %w", id, err)
	}
	t.records[id] = &r
	return r, true, nil
}

// PutRecord implements store.Tx.
func (t *tx) PutRecord(ctx context.Context, rec, prev store.Record) error {
	id := rec.State.ID
	if !t.isDirty[id] {
		t.isDirty[id] = true
		t.dirty = append(t.dirty, id)
	}
	t.records[id] = &rec
	return ctx.Err()
}

// Children overlays this transaction's own writes on the stored rows.
func (t *tx) Children(ctx context.Context, id string) ([]store.Record, error) {
	// parent <> '' lets a cached generic plan use the partial index
	// records_parent, which it cannot prove $1 meets.
	rows, err := t.tx.Query(ctx, "SELECT data FROM records WHERE parent = $1 AND parent <> '' ORDER BY id", id)
	if err != nil {
		return nil, fmt.Errorf("children of %s: %w", id, err)
	}
	stored, err := pgx.CollectRows(rows, scanRecord)
	if err != nil {
		return nil, fmt.Errorf("children of %s: %w", id, err)
	}
	var out []store.Record
	seen := map[string]bool{}
	for _, r := range stored {
		seen[r.State.ID] = true
		if c := t.records[r.State.ID]; c != nil {
			r = *c
		}
		if r.Parent == id {
			out = append(out, r)
		}
	}
	for _, d := range t.dirty {
		if r := t.records[d]; !seen[d] && r.Parent == id {
			out = append(out, *r)
		}
	}
	return out, nil
}

// Mutation implements store.Tx.
func (t *tx) Mutation(ctx context.Context, client, mutation string) (protocol.Result, bool, error) {
	if r, known := t.mutations[mutation]; known {
		if r == nil {
			return protocol.Result{}, false, nil
		}
		return *r, true, nil
	}
	var data []byte
	err := t.tx.QueryRow(ctx, "SELECT result FROM mutations WHERE client_id = $1 AND mutation_id = $2", client, mutation).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return protocol.Result{}, false, nil
	}
	if err != nil {
		return protocol.Result{}, false, fmt.Errorf("read mutation %s: %w", mutation, err)
	}
	var r protocol.Result
	return r, true, json.Unmarshal(data, &r)
}

// PutMutation implements store.Tx.
func (t *tx) PutMutation(ctx context.Context, client string, ch protocol.Change, res protocol.Result) error {
	data, err := json.Marshal(res)
	if err != nil {
		return err
	}
	t.mutations[ch.MutationID] = &res
	t.newMuts.client = client
	t.newMuts.ids = append(t.newMuts.ids, ch.MutationID)
	t.newMuts.results = append(t.newMuts.results, data)
	return nil
}

// LastMutation implements store.Tx: the prefetched value, or this
// transaction's own SetClient.
func (t *tx) LastMutation(ctx context.Context, client string) (string, error) {
	if t.client != nil && t.client.id == client {
		return t.client.mutation, nil
	}
	return t.last, nil
}

// SetClient implements store.Tx.
func (t *tx) SetClient(ctx context.Context, client, mutation string, seq uint64, at time.Time) error {
	t.client = &clientRow{id: client, mutation: mutation, seq: seq, at: at}
	return nil
}
