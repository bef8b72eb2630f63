package api

import (
	"bytes"
	"strings"
	"testing"
)

// TestDecodePushSlowPathErrors: a body the fast path leaves alone gets
// encoding/json's verdict, and checks still apply to fast bodies.
func TestDecodePushSlowPathErrors(t *testing.T) {
	for _, body := range []string{`{"client_id":`, `[]`, `{"client_id":"","changes":[]}`,
		`{"client_id":"c1","changes":[{"mutation_id":"m"},{"mutation_id":"m"}]}`} {
		if _, err := decodePush(strings.NewReader(body), new(bytes.Buffer)); err == nil {
			t.Errorf("decodePush(%q) = nil error", body)
		}
	}
	req, err := decodePush(strings.NewReader(`{"client_id":"c\u0031","changes":[{"mutation_id":"m","kind":"k","record_id":"r","op":"put"}]}`), new(bytes.Buffer))
	if err != nil || req.ClientID != "c1" || len(req.Changes) != 1 {
		t.Fatalf("slow path: %+v, %v", req, err)
	}
}
