package merge

import (
	"testing"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// TestDeleteSeenOffersUnseenEdits: a delete carries the versions its
// copy had; an edit beyond them is a restore offer even when its stamp is
// older than the delete, in every arrival order, while an edit the
// deleter had seen is not.
func TestDeleteSeenOffersUnseenEdits(t *testing.T) {
	created, edit, delStamp := st(1000, 0, "a"), st(1500, 0, "b"), st(2000, 0, "a")
	seenDelete := func(notesBase string) protocol.Change {
		d := del("r", delStamp)
		d.Bases = map[string]string{"name": created}
		if notesBase != "" {
			d.Bases["notes"] = notesBase
		}
		return d
	}
	tests := []struct {
		name    string
		changes []protocol.Change
		offers  int
	}{
		{"unseen edit before the delete", []protocol.Change{put("r", "name", `"甲"`, created), put("r", "notes", `"补记"`, edit), seenDelete("")}, 1},
		{"delete arrives first", []protocol.Change{put("r", "name", `"甲"`, created), seenDelete(""), put("r", "notes", `"补记"`, edit)}, 1},
		{"edit the deleter had seen", []protocol.Change{put("r", "name", `"甲"`, created), put("r", "notes", `"补记"`, edit), seenDelete(edit)}, 0},
		{"delete without bases: stamp order only", []protocol.Change{put("r", "name", `"甲"`, created), put("r", "notes", `"补记"`, edit), del("r", delStamp)}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := applyAll(t, tt.changes, Options{})
			if !s.IsDeleted() {
				t.Fatal("not deleted")
			}
			n := 0
			for _, c := range s.Conflicts() {
				if c.Reason == protocol.ReasonAfterDelete {
					n++
					if c.Field != "notes" {
						t.Errorf("offer for %s, want notes", c.Field)
					}
				}
			}
			if n != tt.offers {
				t.Fatalf("restore offers = %d, want %d (%+v)", n, tt.offers, s.Conflicts())
			}
		})
	}
}
