package app

import (
	"cmp"

	"github.com/shanhaifield/shanhai/storage"
)

// duplicateReason says why an enterprise may be a duplicate, in the
// interface language (the store gives both; an older one only Chinese).
func duplicateReason(d storage.Duplicate) string {
	zh, en := storage.ReasonText(d.Reason)
	if englishUI() {
		return cmp.Or(d.En, en)
	}
	return cmp.Or(d.Zh, zh)
}
