// Package importer brings foreign spreadsheets — lists of enterprises and
// contacts from colleagues, chambers of commerce and data vendors — into
// the store: it maps their columns to record fields, plans the import row
// by row (new, updated, unchanged, duplicate-suspect, invalid) matching
// enterprises by credit code and then by normalised name, and commits the
// plan in one transaction, so that a failed import leaves nothing behind.
package importer
