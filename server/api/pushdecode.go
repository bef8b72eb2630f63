package api

import (
	"bytes"
	"fmt"
	"io"
	"sync"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// decodePush reads a push body: the fast decoder for bodies in the form
// clients write, encoding/json (protocol.DecodePush) for anything else,
// so the outcome is always encoding/json's.
//
// The body is read into buf, and the fast decoder's field values are
// slices of it: buf must outlive the request (see bodyPool).
func decodePush(r io.Reader, buf *bytes.Buffer) (protocol.PushRequest, error) {
	if _, err := buf.ReadFrom(r); err != nil {
		return protocol.PushRequest{}, fmt.Errorf("decode push body: %w", err)
	}
	body := buf.Bytes()
	req, ok := protocol.FastPush(body)
	if !ok {
		return protocol.DecodePush(bytes.NewReader(body))
	}
	if err := req.Validate(); err != nil {
		return protocol.PushRequest{}, err
	}
	return req, nil
}

// bodyPool keeps push body buffers between requests: a 1,000-change
// body is about a megabyte, read in doubling steps, and a large initial
// push reads a hundred of them. The zero value is ready to use.
type bodyPool struct{ p sync.Pool }

// maxPooledBody is the largest buffer kept for reuse.
const maxPooledBody = 8 << 20

func (bp *bodyPool) get() *bytes.Buffer {
	if b, ok := bp.p.Get().(*bytes.Buffer); ok {
		return b
	}
	return new(bytes.Buffer)
}

// put returns buf once nothing decoded from it is used any more (the
// answer is written).
func (bp *bodyPool) put(buf *bytes.Buffer) {
	if buf.Cap() > maxPooledBody {
		return
	}
	buf.Reset()
	bp.p.Put(buf)
}
