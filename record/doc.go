// Package record holds the field records that promotion staff keep —
// enterprises, their contacts, visits, projects with site requirements and
// follow-up tasks — and the rules that validate them.
//
// Records are plain structs with JSON tags. The JSON field names are the
// field names everywhere else too: in the outbox, in per-field versions, in
// CLI flags (with '_' written as '-') and in exports.
package record
