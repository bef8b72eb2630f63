package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// postPush sends a push without the testing.T helpers, so a goroutine may
// use it.
func postPush(url, token string, req protocol.PushRequest) (int, protocol.PushResponse, error) {
	body, _ := json.Marshal(req)
	hr, _ := http.NewRequest("POST", url+"/v1/push", bytes.NewReader(body))
	hr.Header.Set(protocol.Header, "1")
	hr.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		return 0, protocol.PushResponse{}, err
	}
	defer resp.Body.Close()
	var pr protocol.PushResponse
	if resp.StatusCode == 200 {
		err = json.NewDecoder(resp.Body).Decode(&pr)
	}
	return resp.StatusCode, pr, err
}

// A pipelined batch that reaches the server before the batch it follows
// waits for it and applies after it.
func TestPipelinedPushWaitsForItsPredecessor(t *testing.T) {
	ts := newTestServer(t)
	token := ts.login(t, "alice")
	l := newLaptop("laptop-1")
	first := l.batch(l.put("enterprise", "e1", "name", `"甲"`, "zone_id", `"zone-a"`))
	second := l.batch(l.put("enterprise", "e1", "notes", `"二"`))
	second.After = first.Changes[0].MutationID
	type answer struct {
		status int
		resp   protocol.PushResponse
		err    error
	}
	done := make(chan answer, 1)
	go func() {
		st, pr, err := postPush(ts.url, token, second)
		done <- answer{st, pr, err}
	}()
	time.Sleep(50 * time.Millisecond) // let the second one arrive first, most of the time
	var r1 protocol.PushResponse
	if st := ts.call(t, "POST", "/v1/push", token, first, &r1); st != 200 || !r1.Ordered {
		t.Fatalf("first: status %d, %+v", st, r1)
	}
	a := <-done
	if a.err != nil || a.status != 200 {
		t.Fatalf("second: status %d, %v", a.status, a.err)
	}
	if a.resp.Results[0].Seq <= r1.Results[0].Seq {
		t.Fatalf("second applied at seq %d, not after the first's %d", a.resp.Results[0].Seq, r1.Results[0].Seq)
	}
	var page protocol.PullResponse
	ts.call(t, "GET", "/v1/pull", token, nil, &page)
	if len(page.Records) != 1 || string(page.Records[0].Fields["notes"]) != `"二"` {
		t.Fatalf("pull: %+v", page.Records)
	}
}

// A pipelined batch whose predecessor never comes is refused with
// out_of_order and stores nothing.
func TestPipelinedPushWithoutPredecessor(t *testing.T) {
	ts := newTestServer(t)
	ts.srv.OrderWait = 50 * time.Millisecond
	token := ts.login(t, "alice")
	l := newLaptop("laptop-1")
	lost := l.batch(l.put("enterprise", "e1", "name", `"甲"`, "zone_id", `"zone-a"`))
	next := l.batch(l.put("enterprise", "e2", "name", `"乙"`, "zone_id", `"zone-a"`))
	next.After = lost.Changes[0].MutationID
	var e protocol.Error
	if st := ts.call(t, "POST", "/v1/push", token, next, &e); st != http.StatusConflict || e.Code != protocol.CodeOutOfOrder || e.Zh == "" {
		t.Fatalf("status %d, %+v; want 409 %s", st, e, protocol.CodeOutOfOrder)
	}
	var page protocol.PullResponse
	ts.call(t, "GET", "/v1/pull", token, nil, &page)
	if len(page.Records) != 0 {
		t.Fatalf("a refused batch stored %d records", len(page.Records))
	}
}
