package store

import "time"

// RulePack is a rule pack an admin published, kept as the JSON document
// the admin sent (already checked with rulepack.Parse), so every client
// receives exactly the published bytes.
type RulePack struct {
	Version string `json:"version"`
	Date    string `json:"date"` // YYYY-MM-DD, as in the pack
	// Data is the pack's JSON document.
	Data      []byte    `json:"data"`
	Published time.Time `json:"published"`
	By        string    `json:"by"` // the admin who published it
}

// Newer reports whether p is a later pack than q: by date, then version,
// the order the CLI uses to pick between its built-in and imported packs.
func (p RulePack) Newer(q RulePack) bool {
	if p.Date != q.Date {
		return p.Date > q.Date
	}
	return p.Version > q.Version
}
