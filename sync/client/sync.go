package client

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/shanhaifield/shanhai/storage"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// Report says what one Sync did.
type Report struct {
	Pushed    int `json:"pushed"`    // outbox entries the server acknowledged
	Rejected  int `json:"rejected"`  // of which refused and set aside
	Pulled    int `json:"pulled"`    // records applied from pull pages
	Pages     int `json:"pages"`     // pull pages fetched
	Pending   int `json:"pending"`   // outbox entries left (edits made meanwhile)
	Conflicts int `json:"conflicts"` // open conflicts after the sync
	// Reset says the server found this laptop too far behind (410
	// reset_required) and the sync re-downloaded from cursor 0.
	Reset bool `json:"reset,omitempty"`
	// Dropped counts local records a re-download removed because the
	// server no longer has them (deleted and purged while this laptop was
	// away, or moved out of the user's zones); records with unsent edits
	// are kept and sent again.
	Dropped int `json:"dropped,omitempty"`
	// Cursor is the stored server cursor after the sync.
	Cursor uint64 `json:"cursor"`
	// ClockSkew is the server clock minus this machine's, as seen in the
	// last answer; worth a warning when it is minutes.
	ClockSkew time.Duration `json:"clock_skew_ns"`
	Took      time.Duration `json:"took_ns"`
	// RulePack is the version of the rule pack this sync installed from
	// the server, if any.
	RulePack string `json:"rule_pack,omitempty"`
	// Messages are the Chinese explanations of rejected changes.
	Messages []string `json:"messages,omitempty"`
}

// Sync pushes the outbox, then pulls until the server has nothing more.
// On any failure the outbox keeps every entry the server has not
// answered for, so the next Sync retries the same mutations and the
// server applies none twice. The outcome is kept in the sync state.
func (c *Client) Sync(ctx context.Context) (Report, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	start := c.now()
	rep, err := c.sync(ctx)
	rep.Took = c.now().Sub(start)
	zh, en := Message(err)
	if serr := c.store.UpdateSyncState(context.WithoutCancel(ctx), func(st *storage.SyncState) error {
		if err != nil {
			st.LastError, st.LastErrorZh, st.LastErrorAt = en, zh, c.now().UTC()
			return nil
		}
		st.LastError, st.LastErrorZh, st.LastSync = "", "", c.now().UTC()
		return nil
	}); serr != nil && err == nil {
		err = serr
	}
	if err != nil {
		c.log.Warn("sync failed", "err", err)
		return rep, err
	}
	c.log.Info("synced", "pushed", rep.Pushed, "rejected", rep.Rejected, "pulled", rep.Pulled, "took", rep.Took)
	return rep, nil
}

func (c *Client) sync(ctx context.Context) (Report, error) {
	var rep Report
	st, err := c.store.SyncState(ctx)
	if err != nil {
		return rep, err
	}
	if st.Server == "" || st.Token == "" {
		return rep, ErrNotLoggedIn
	}
	if err := c.push(ctx, st, &rep); err != nil {
		return rep, err
	}
	if err := c.pull(ctx, st, &rep); err != nil {
		if !errors.Is(err, ErrResetRequired) {
			return rep, err
		}
		if err := c.reset(ctx, &st, &rep); err != nil {
			return rep, err
		}
	}
	// The pull reached the end: a re-download (this sync's or one a
	// crash interrupted) can now drop what the server no longer has.
	if rep.Dropped, err = c.store.FinishReset(ctx); err != nil {
		return rep, err
	}
	if c.rulePackPath != "" {
		if rep.RulePack, err = c.updateRulePack(ctx, st); err != nil {
			return rep, err
		}
	}
	if rep.Pending, err = c.store.Pending(ctx); err != nil {
		return rep, err
	}
	rep.Conflicts, err = c.store.ConflictCount(ctx)
	return rep, err
}

// wireChange is the pushed form of an outbox entry.
func wireChange(e storage.Change) protocol.Change {
	return protocol.Change{ClientSeq: e.Seq, MutationID: e.MutationID, Kind: string(e.Kind), RecordID: e.RecordID,
		Op: protocol.Op(e.Op), Fields: e.Fields, Versions: e.Versions, Bases: e.Bases, At: e.At, Author: e.Author}
}

// pull fetches pages after the stored cursor until has_more is false,
// applying each page with its cursor in one local transaction. Pages
// still apply in order, but three stages overlap (see download): while
// one page is applied, the next is decoded for the store and the one
// after is on its way from the server, so the server, the client's
// cores and the disk all work at the same time.
func (c *Client) pull(ctx context.Context, st storage.SyncState, rep *Report) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the download stages nobody will read
	cursor := st.Cursor
	// A download from 0 has no stale records that purged tombstones
	// would delete; its later pages say so (fresh=1), so the server
	// does not send it back to 0 halfway.
	fresh := cursor == 0
	pages := c.download(ctx, st, cursor, fresh)
	for {
		f, ok := <-pages
		if !ok { // only when ctx ended: download sends every page it stops on
			return fmt.Errorf("pull after %d: %w", cursor, cmp.Or(context.Cause(ctx), context.Canceled))
		}
		if f.err != nil {
			return fmt.Errorf("pull after %d: %w", cursor, f.err)
		}
		page := f.page
		rep.ClockSkew = time.UnixMilli(page.ServerTime).Sub(c.now())
		if page.NextCursor < cursor {
			return fmt.Errorf("pull after %d: server cursor went back to %d", cursor, page.NextCursor)
		}
		if page.HasMore && len(page.Records) == 0 {
			return errors.New("pull: server says has_more but sent an empty page")
		}
		if len(page.Records) > 0 || page.NextCursor != cursor {
			if err := c.store.ApplyPrepared(ctx, f.prepared, page.NextCursor); err != nil {
				return fmt.Errorf("pull after %d: %w", cursor, err)
			}
		}
		rep.Pages++
		rep.Pulled += len(page.Records)
		cursor = page.NextCursor
		rep.Cursor = cursor
		if !page.HasMore {
			return nil
		}
	}
}

// fetched is one pull page or the error fetching it.
type fetched struct {
	page     protocol.PullResponse
	prepared *storage.PreparedPage // page.Records decoded for the store
	size     int                   // the body's length (see getPage)
	err      error
}

// download fetches the pages after cursor on one goroutine and prepares
// them for the store (storage.PreparePage) on another, handing them over
// in order. The next page is asked for as soon as this one's cursor is
// known, before it is prepared. It stops after the last page, an error,
// or a page pull refuses (cursor going back, has_more on an empty
// page), and when ctx ends. Hand-overs are unbuffered: at most three
// pages are in memory (fetching, preparing, applying).
// fresh says the pull began at cursor 0 in this sync, so the server need
// not refuse it for purged tombstones it never needed.
func (c *Client) download(ctx context.Context, st storage.SyncState, cursor uint64, fresh bool) <-chan fetched {
	got := make(chan fetched)
	go func() {
		defer close(got)
		hint := firstPageHint
		for {
			var f fetched
			path := "/v1/pull?after=" + strconv.FormatUint(cursor, 10) + "&limit=" + strconv.Itoa(c.page)
			if fresh {
				path += "&fresh=1" // see pull: this download began at 0
			}
			f.page, f.size, f.err = c.getPage(ctx, st.Server, path, st.Token, hint)
			select {
			case got <- f:
			case <-ctx.Done():
				return
			}
			p := f.page
			if f.err != nil || !p.HasMore || len(p.Records) == 0 || p.NextCursor < cursor {
				return // the last page, or one pull refuses
			}
			cursor, hint = p.NextCursor, f.size
		}
	}()
	ready := make(chan fetched)
	go func() {
		defer close(ready)
		for f := range got {
			if f.err == nil {
				f.prepared = c.store.PreparePage(f.page.Records)
			}
			select {
			case ready <- f:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ready
}

// reset answers 410 reset_required: the server purged tombstones this
// laptop never saw. The cursor goes back to 0, every local record is
// listed as unseen (storage.BeginReset) and everything is pulled again;
// sync then drops what the download did not bring (FinishReset). The
// outbox is untouched, and pushed once more first so edits
// made meanwhile are on the server before the download (a pulled page
// never overwrites a field that still has an unsent edit either way).
func (c *Client) reset(ctx context.Context, st *storage.SyncState, rep *Report) error {
	c.log.Warn("server says this laptop is too far behind; downloading everything again", "cursor", st.Cursor)
	if err := c.store.BeginReset(ctx); err != nil {
		return fmt.Errorf("reset cursor: %w", err)
	}
	st.Cursor, rep.Reset = 0, true
	if err := c.push(ctx, *st, rep); err != nil {
		return err
	}
	if err := c.pull(ctx, *st, rep); err != nil {
		return err
	}
	// The download may have queued fields the server lost (a purged
	// record re-created from an edit, storage.keepLostFields): send them.
	return c.push(ctx, *st, rep)
}
