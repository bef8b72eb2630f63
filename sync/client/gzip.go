package client

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
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

// gzipBytes compresses an encoded request body (level 1, as gzipJSON)
// with zw, reset onto a new buffer.
func gzipBytes(zw *gzip.Writer, raw []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(raw) / 4)
	zw.Reset(&buf)
	if _, err := zw.Write(raw); err != nil {
		return nil, fmt.Errorf("compress push: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("compress push: %w", err)
	}
	return buf.Bytes(), nil
}
