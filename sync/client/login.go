package client

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/shanhaifield/shanhai/storage"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// Login asks server for a token and keeps server, user and token in the
// store. Logging in to another server or as another user restarts the
// pull from the beginning; the outbox is kept either way.
func (c *Client) Login(ctx context.Context, server, user, password string) (protocol.LoginResponse, error) {
	u, err := url.Parse(server)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return protocol.LoginResponse{}, fmt.Errorf("login: server %q is not an http(s) URL", server)
	}
	var lr protocol.LoginResponse
	if err := c.call(ctx, "POST", server, "/v1/login", "", protocol.LoginRequest{Name: user, Password: password}, &lr); err != nil {
		return protocol.LoginResponse{}, fmt.Errorf("login %s as %s: %w", server, user, err)
	}
	prev, err := c.store.SyncState(ctx)
	if err != nil {
		return lr, err
	}
	if prev.Server != server || prev.User != lr.Name {
		if err := c.store.ResetCursor(ctx); err != nil {
			return lr, err
		}
	}
	err = c.store.UpdateSyncState(ctx, func(st *storage.SyncState) error {
		st.Server, st.User, st.Zone, st.Role, st.Token = server, lr.Name, lr.Zone, lr.Role, lr.Token
		st.TokenExpires = time.Unix(lr.ExpiresAt, 0).UTC()
		st.LastError, st.LastErrorZh = "", ""
		return nil
	})
	if err != nil {
		return lr, fmt.Errorf("login: keep token: %w", err)
	}
	c.log.Info("logged in", "server", server, "user", lr.Name, "zone", lr.Zone, "role", lr.Role)
	return lr, nil
}

// Logout forgets the token; the outbox and data stay.
func (c *Client) Logout(ctx context.Context) error {
	return c.store.UpdateSyncState(ctx, func(st *storage.SyncState) error {
		st.Token, st.TokenExpires = "", time.Time{}
		return nil
	})
}
