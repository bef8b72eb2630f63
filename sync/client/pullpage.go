package client

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// firstPageHint is the buffer a pull's first page is read into; later
// pages start at the size of the page before.
const firstPageHint = 64 << 10

// getPage fetches one pull page. It reads the body itself rather than
// through resty: resty grows its buffer from 512 bytes and a 2 MB page
// was copied a dozen times; here the buffer starts at the size of the
// previous page (hint). size is the decoded body's length, the next
// page's hint. The page is decoded with protocol.FastPull, encoding/json
// when that gives up; its field values alias the body.
func (c *Client) getPage(ctx context.Context, server, path, token string, hint int) (page protocol.PullResponse, size int, err error) {
	req := c.http.R().SetContext(ctx).SetDoNotParseResponse(true).
		SetHeader(protocol.Header, strconv.Itoa(protocol.Version)).
		SetHeader("Accept-Encoding", "gzip")
	if token != "" {
		req.SetHeader("Authorization", "Bearer "+token)
	}
	resp, err := req.Get(strings.TrimRight(server, "/") + path)
	if err != nil {
		return page, 0, fmt.Errorf("GET %s: %w", path, err)
	}
	raw := resp.RawBody()
	defer raw.Close()
	body, err := readBody(raw, resp.Header().Get("Content-Encoding"), hint)
	status := resp.StatusCode()
	if status < 200 || status >= 300 {
		se := &ServerError{Status: status}
		var e protocol.Error
		if json.Unmarshal(body, &e) == nil { // a proxy's HTML error page has nothing to show
			se.Code, se.Zh, se.En = e.Code, e.Zh, e.En
		}
		return page, 0, fmt.Errorf("GET %s: %w", path, se)
	}
	if err != nil {
		return page, 0, fmt.Errorf("GET %s: read answer: %w", path, err)
	}
	if fast, ok := protocol.FastPull(body); ok {
		return fast, len(body), nil
	}
	if err := json.Unmarshal(body, &page); err != nil {
		return page, 0, fmt.Errorf("GET %s: decode answer: %w", path, err)
	}
	return page, len(body), nil
}

// readBody reads an answer's body, gunzipping it when the server
// compressed it, into a buffer made for about hint bytes.
func readBody(r io.Reader, encoding string, hint int) ([]byte, error) {
	if strings.EqualFold(encoding, "gzip") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		defer zr.Close()
		r = zr
	}
	// An eighth more than the last page: pages differ by a few bytes,
	// and a buffer one byte short doubles.
	buf := bytes.NewBuffer(make([]byte, 0, max(hint, 512)+hint/8+bytes.MinRead))
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}
