package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/server/auth"
	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

func TestParseAuditTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"", time.Time{}, true},
		{"2026-11-26", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), true},
		{"2026-11-26T08:30:00+08:00", time.Date(2026, 11, 26, 0, 30, 0, 0, time.UTC), true},
		{"2026-13-01", time.Time{}, false},
		{"yesterday", time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := ParseAuditTime(tt.in)
		if (err == nil) != tt.ok || !got.Equal(tt.want) {
			t.Errorf("ParseAuditTime(%q) = %v, %v; want %v ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), tt.in) {
			t.Errorf("error %q does not name the value", err)
		}
	}
}

func FuzzParseAuditTime(f *testing.F) {
	f.Add("2026-11-26")
	f.Add("2026-11-26T08:30:00Z")
	f.Fuzz(func(t *testing.T, s string) {
		_, err := ParseAuditTime(s)
		if err != nil && !strings.Contains(err.Error(), "RFC 3339") {
			t.Fatalf("error %q does not say what is wanted", err)
		}
	})
}

// failingAudit is a real store whose standalone audit appends fail, as a
// full disk would make them.
type failingAudit struct{ store.Store }

func (failingAudit) AppendAudit(context.Context, ...store.AuditEntry) error {
	return errors.New("disk full")
}

// TestPullCutWhenAuditFails: a page whose audit entry cannot be written
// never reaches the client whole, so the client keeps its cursor.
func TestPullCutWhenAuditFails(t *testing.T) {
	ts := newTestServer(t)
	alice := ts.login(t, "alice")
	l := newLaptop("laptop-a")
	ts.call(t, "POST", "/v1/push", alice, l.batch(l.put("enterprise", "e1", "name", `"甲"`)), nil)
	srv := &Server{Store: failingAudit{ts.store}, Auth: &auth.Service{Store: ts.store, Now: ts.clock},
		Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), Now: ts.clock}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	req, _ := http.NewRequest("GET", hs.URL+"/v1/pull?after=0", nil)
	req.Header.Set(protocol.Header, "1")
	req.Header.Set("Authorization", "Bearer "+alice)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var page protocol.PullResponse
	if err := json.NewDecoder(resp.Body).Decode(&page); err == nil {
		t.Fatalf("a page without its audit entry decoded: %+v", page)
	}
}
