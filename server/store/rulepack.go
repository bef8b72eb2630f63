package store

import (
	"time"

	"github.com/shanhaifield/shanhai/rulepack"
)

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

// Newer reports whether p is a later pack than q, in the order every
// part of Shanhai Field uses (rulepack.Later).
func (p RulePack) Newer(q RulePack) bool {
	return rulepack.Later(p.Date, p.Version, q.Date, q.Version)
}
