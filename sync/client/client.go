package client

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-resty/resty/v2"
	"github.com/shanhaifield/shanhai/storage"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// Client syncs one local store with its server. It is safe for
// concurrent use; Sync calls take turns, so a "sync now" button and the
// background Loop never apply pull pages out of order.
type Client struct {
	mu    sync.Mutex // held by Sync
	store *storage.Store
	http  *resty.Client
	log   *slog.Logger
	batch int
	page  int
	now   func() time.Time
	// rulePackPath is where a newer server rule pack is saved; "" skips
	// the rule pack check.
	rulePackPath string
}

// Options tune a Client; the zero value is fine.
type Options struct {
	// HTTP replaces the default HTTP client (tests pass one with a short
	// timeout).
	HTTP *http.Client
	Log  *slog.Logger
	// Batch is how many outbox entries one push carries: at most and by
	// default protocol.MaxBatch (fewer commits, each one fsync, on both
	// sides).
	Batch int
	// Page is the pull page size, protocol.MaxPage by default: fewer,
	// larger local transactions make an initial pull faster.
	Page int
	// Timeout bounds one request; 60 s by default.
	Timeout time.Duration
	// Now replaces time.Now in tests.
	Now func() time.Time
	// RulePackPath, when set, is the imported rule pack file
	// (<data dir>/rulepack.json): each Sync fetches the server's latest
	// pack and saves it there when it is newer than the local one.
	RulePackPath string
}

// New returns a client for st.
func New(st *storage.Store, opt Options) *Client {
	hc := opt.HTTP
	if hc == nil {
		hc = &http.Client{}
	}
	rc := resty.NewWithClient(hc)
	timeout := opt.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	rc.SetTimeout(timeout)
	c := &Client{store: st, http: rc, log: opt.Log, batch: opt.Batch, page: opt.Page, now: opt.Now,
		rulePackPath: opt.RulePackPath}
	if c.log == nil {
		c.log = slog.Default()
	}
	if c.batch <= 0 || c.batch > protocol.MaxBatch {
		c.batch = protocol.MaxBatch
	}
	if c.page <= 0 || c.page > protocol.MaxPage {
		c.page = protocol.MaxPage
	}
	if c.now == nil {
		c.now = time.Now
	}
	return c
}

// call sends one request to the server and decodes a 2xx answer into
// out. body, when not nil, is sent as gzip-compressed JSON.
func (c *Client) call(ctx context.Context, method, server, path, token string, body, out any) error {
	var data []byte
	if body != nil {
		var err error
		if data, err = gzipJSON(body); err != nil {
			return fmt.Errorf("%s %s: %w", method, path, err)
		}
	}
	return c.callRaw(ctx, method, server, path, token, data, out)
}

// callRaw is call with the body already gzip-compressed JSON (nil: no
// body).
func (c *Client) callRaw(ctx context.Context, method, server, path, token string, body []byte, out any) error {
	req := c.http.R().SetContext(ctx).
		SetHeader(protocol.Header, strconv.Itoa(protocol.Version)).
		SetHeader("Accept-Encoding", "gzip")
	if token != "" {
		req.SetHeader("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.SetHeader("Content-Type", "application/json").SetHeader("Content-Encoding", "gzip").SetBody(body)
	}
	resp, err := req.Execute(method, strings.TrimRight(server, "/")+path)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	if resp.IsError() || resp.StatusCode() < 200 || resp.StatusCode() >= 300 {
		se := &ServerError{Status: resp.StatusCode()}
		var body protocol.Error
		if json.Unmarshal(resp.Body(), &body) == nil { // a proxy's HTML error page has nothing to show
			se.Code, se.Zh, se.En = body.Code, body.Zh, body.En
		}
		return fmt.Errorf("%s %s: %w", method, path, se)
	}
	if page, ok := out.(*protocol.PullResponse); ok {
		// A pull page is most of what a sync receives: the fast decoder
		// first (see protocol.FastPull), encoding/json for anything else.
		if fast, ok := protocol.FastPull(resp.Body()); ok {
			*page = fast
			return nil
		}
	}
	if err := json.Unmarshal(resp.Body(), out); err != nil {
		return fmt.Errorf("%s %s: decode answer: %w", method, path, err)
	}
	return nil
}

// Reachable reports whether the stored server answers its health check
// within a few seconds: what the UI shows as online or offline.
func (c *Client) Reachable(ctx context.Context) bool {
	st, err := c.store.SyncState(ctx)
	if err != nil || st.Server == "" {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	resp, err := c.http.R().SetContext(ctx).Get(strings.TrimRight(st.Server, "/") + "/healthz")
	return err == nil && resp.StatusCode() == 200
}
