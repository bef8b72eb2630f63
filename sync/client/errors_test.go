package client

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

func TestRetryable(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"network", errors.New("connection refused"), true},
		{"server error", &ServerError{Status: http.StatusInternalServerError}, true},
		{"rate limited", &ServerError{Status: http.StatusTooManyRequests}, true},
		{"out of order", fmt.Errorf("push batch 3: %w", &ServerError{Status: http.StatusConflict, Code: protocol.CodeOutOfOrder}), true},
		{"other conflict", &ServerError{Status: http.StatusConflict, Code: "stale_pack"}, false},
		{"unauthorized", &ServerError{Status: http.StatusUnauthorized, Code: "unauthorized"}, false},
		{"not logged in", ErrNotLoggedIn, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Retryable(tt.err); got != tt.want {
				t.Errorf("Retryable(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}
