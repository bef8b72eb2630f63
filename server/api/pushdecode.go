package api

import (
	"bytes"
	"fmt"
	"io"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// decodePush reads a push body: the fast decoder for bodies in the form
// clients write, encoding/json (protocol.DecodePush) for anything else,
// so the outcome is always encoding/json's.
func decodePush(r io.Reader) (protocol.PushRequest, error) {
	body, err := io.ReadAll(r)
	if err != nil {
		return protocol.PushRequest{}, fmt.Errorf("decode push body: %w", err)
	}
	req, ok := protocol.FastPush(body)
	if !ok {
		return protocol.DecodePush(bytes.NewReader(body))
	}
	if err := req.Validate(); err != nil {
		return protocol.PushRequest{}, err
	}
	return req, nil
}
