package storage

import (
	"strings"

	"github.com/shanhaifield/shanhai/record"
)

// mobileKey is the index form of a mobile number: E.164 when it parses,
// else the trimmed input, so an odd number still meets its own copy.
func mobileKey(m string) string {
	if n, err := record.NormalizeMobile(m); err == nil {
		return n
	}
	return strings.TrimSpace(m)
}
