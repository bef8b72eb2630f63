package protocol

import (
	"encoding/json"
	"net/url"
)

// RulePack answers GET /v1/rulepacks/latest and POST /v1/rulepacks (where
// Pack is left out): the latest rule pack an admin published.
type RulePack struct {
	Version   string `json:"version"`
	Date      string `json:"date"`      // YYYY-MM-DD, as in the pack
	Published int64  `json:"published"` // Unix seconds
	By        string `json:"by"`
	// Pack is the pack as one JSON document, read by rulepack.Parse.
	Pack json.RawMessage `json:"pack,omitempty"`
}

// RulePackTag is the ETag of the pack with this date and version. A
// client sends the tag of the pack it holds as If-None-Match and gets 304
// Not Modified when the server has nothing else.
func RulePackTag(date, version string) string {
	return `"` + url.PathEscape(date) + "/" + url.PathEscape(version) + `"`
}
