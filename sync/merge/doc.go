// Package merge is the per-field merge of the sync protocol: given the
// stored state of a record and one incoming change, it returns the new
// state, the fields that took effect and the values that lost. It is pure
// (no I/O, no clock) so server and client get the same answer for the same
// inputs, whatever order the changes arrive in.
//
// Rules (docs/sync-protocol.md §Merge):
//   - The unit is the field. Each field keeps its value and the HLC stamp
//     of the edit that wrote it; the larger stamp wins (hlc.Compare, the
//     node name breaking ties; equal stamps with different values, which a
//     correct client never produces, are ordered by the value bytes).
//   - The value that loses is kept as a conflict unless the winning editor
//     had already seen it (its base stamp covers it). Which losers are
//     kept depends only on the set of changes, not their order.
//   - Append-only kinds (visit, screening, referral) never record
//     conflicts: they are written once by one author.
//   - A delete makes a tombstone stamped with the delete's HLC; fields keep
//     merging underneath. A field edit stamped after the delete is offered
//     as a restore (a conflict with reason after_delete), never dropped.
//     A restore stamped after the delete brings the record back.
package merge
