package client

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// gzipJSON encodes v as gzip-compressed JSON. Level 1: pushes are
// repetitive JSON, and speed matters more than the last few bytes.
func gzipJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if err := json.NewEncoder(zw).Encode(v); err != nil {
		return nil, fmt.Errorf("encode body: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("compress body: %w", err)
	}
	return buf.Bytes(), nil
}

// gzipPush encodes a push request (see appendPush) as gzip JSON.
func gzipPush(req protocol.PushRequest) ([]byte, error) {
	raw, err := appendPush(make([]byte, 0, 1200*len(req.Changes)+64), req)
	if err != nil {
		return nil, fmt.Errorf("encode push: %w", err)
	}
	var buf bytes.Buffer
	buf.Grow(len(raw) / 4)
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(raw); err != nil {
		return nil, fmt.Errorf("compress push: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("compress push: %w", err)
	}
	return buf.Bytes(), nil
}
