package pgstore

// schema is applied on Open under an advisory lock, so several processes
// starting at once do not race to create tables. Record data is bytea
// holding JSON: jsonb would re-format the field values, which the merge
// compares byte for byte. wire is the record's pull form, prepared on
// write so a pull copies it out; zones (who sees the record) and
// index_zones (who gets it or a removal marker) drive the pull filter.
// The audit table is append-only: triggers raise on UPDATE, DELETE and
// TRUNCATE, and the single audit_head row (last sequence and hash),
// locked by every append, serialises appends so the hash chain has one
// order.
const schema = `
CREATE TABLE IF NOT EXISTS counters (name text PRIMARY KEY, value bigint NOT NULL);
INSERT INTO counters (name, value) VALUES ('seq', 0) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS records (
	id text PRIMARY KEY,
	seq bigint NOT NULL UNIQUE,
	index_zones text[] NOT NULL,
	zones text[] NOT NULL,
	kind text NOT NULL,
	tomb boolean NOT NULL,
	parent text NOT NULL DEFAULT '',
	data bytea NOT NULL,
	wire bytea NOT NULL
);
CREATE INDEX IF NOT EXISTS records_parent ON records (parent) WHERE parent <> '';
CREATE INDEX IF NOT EXISTS records_index_zones ON records USING gin (index_zones);
CREATE TABLE IF NOT EXISTS mutations (
	client_id text NOT NULL,
	mutation_id text NOT NULL,
	result bytea NOT NULL,
	PRIMARY KEY (client_id, mutation_id)
);
CREATE TABLE IF NOT EXISTS clients (
	client_id text PRIMARY KEY,
	mutation_id text NOT NULL,
	client_seq bigint NOT NULL,
	at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS users (name text PRIMARY KEY, data bytea NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value bytea NOT NULL);
CREATE TABLE IF NOT EXISTS attempts (key text PRIMARY KEY, start bigint NOT NULL, count int NOT NULL);
CREATE TABLE IF NOT EXISTS rulepacks (
	date text NOT NULL,
	version text NOT NULL,
	data bytea NOT NULL,
	published timestamptz NOT NULL,
	by_user text NOT NULL,
	PRIMARY KEY (date, version)
);
CREATE TABLE IF NOT EXISTS audit_head (
	one boolean PRIMARY KEY DEFAULT true CHECK (one),
	seq bigint NOT NULL,
	hash bytea NOT NULL
);
INSERT INTO audit_head (seq, hash) VALUES (0, decode(repeat('00', 32), 'hex')) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS audit (
	seq bigint PRIMARY KEY,
	prev bytea NOT NULL,
	hash bytea NOT NULL,
	data bytea NOT NULL
);
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP;
END $$;
CREATE OR REPLACE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
	FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
	FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
`

// schemaLock is the advisory lock key taken while applying the schema.
const schemaLock = 0x5348414e48414931 // "SHANHAI1"
