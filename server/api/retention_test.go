package api

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

func TestPullBehindPurgeGets410(t *testing.T) {
	ts := newTestServer(t)
	token := ts.login(t, "mia") // deletes need a manager
	l := newLaptop("laptop-a")
	var created, deleted protocol.PushResponse
	ts.call(t, "POST", "/v1/push", token, l.batch(l.put("enterprise", "e1", "name", `"甲"`), l.put("enterprise", "e2", "name", `"乙"`)), &created)
	l.n++
	del := protocol.Change{ClientSeq: uint64(l.n), MutationID: "laptop-a-del", Kind: "enterprise", RecordID: "e1",
		Op: protocol.OpDelete, Versions: map[string]string{protocol.DeletedKey: l.clock.Now().String()}}
	ts.call(t, "POST", "/v1/push", token, l.batch(del), &deleted)
	if n, err := ts.store.Purge(context.Background(), time.Now().Add(time.Hour)); err != nil || n != 1 {
		t.Fatalf("Purge = %d, %v; want 1", n, err)
	}
	tests := []struct {
		after      uint64
		query      string
		wantStatus int
		wantCode   string
	}{
		{created.Cursor, "", 410, protocol.CodeResetRequired},
		{created.Cursor, "&fresh=0", 410, protocol.CodeResetRequired},
		// A download that began at 0 after the purge continues.
		{created.Cursor, "&fresh=1", 200, ""},
		{0, "", 200, ""},
		{deleted.Cursor, "", 200, ""},
	}
	for _, tt := range tests {
		var e protocol.Error
		var out any = &e
		if tt.wantStatus == 200 {
			out = &protocol.PullResponse{}
		}
		status := ts.call(t, "GET", "/v1/pull?after="+strconv.FormatUint(tt.after, 10)+tt.query, token, nil, out)
		if status != tt.wantStatus || e.Code != tt.wantCode {
			t.Fatalf("pull after %d: %d %+v, want %d %s", tt.after, status, e, tt.wantStatus, tt.wantCode)
		}
		if tt.wantCode != "" && e.Zh == "" {
			t.Fatalf("pull after %d: no Chinese message", tt.after)
		}
	}
}
