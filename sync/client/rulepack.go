package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/shanhaifield/shanhai/rulepack"
	"github.com/shanhaifield/shanhai/storage"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// localPack is the pack this machine uses now (rulepack.Active).
func (c *Client) localPack(ctx context.Context) (*rulepack.Pack, error) {
	p, _, err := rulepack.Active(ctx, c.rulePackPath)
	return p, err
}

// updateRulePack fetches the server's latest rule pack and, when it is
// newer than the local one, saves it where the CLI and the app look for
// an imported pack. It returns the installed version, or "".
func (c *Client) updateRulePack(ctx context.Context, st storage.SyncState) (string, error) {
	local, err := c.localPack(ctx)
	if err != nil {
		return "", fmt.Errorf("rule pack: %w", err)
	}
	resp, err := c.http.R().SetContext(ctx).
		SetHeader(protocol.Header, strconv.Itoa(protocol.Version)).
		SetHeader("Accept-Encoding", "gzip").
		SetHeader("Authorization", "Bearer "+st.Token).
		SetHeader("If-None-Match", protocol.RulePackTag(local.Date, local.Version)).
		Get(strings.TrimRight(st.Server, "/") + "/v1/rulepacks/latest")
	if err != nil {
		return "", fmt.Errorf("fetch rule pack: %w", err)
	}
	switch resp.StatusCode() {
	case http.StatusNotModified:
		return "", nil
	case http.StatusOK:
	default:
		se := &ServerError{Status: resp.StatusCode()}
		var body protocol.Error
		if json.Unmarshal(resp.Body(), &body) == nil {
			se.Code, se.Zh, se.En = body.Code, body.Zh, body.En
		}
		if se.Status == http.StatusNotFound {
			return "", nil // nothing published yet (or a server without rule packs): keep the local pack
		}
		return "", fmt.Errorf("fetch rule pack: %w", se)
	}
	var rp protocol.RulePack
	if err := json.Unmarshal(resp.Body(), &rp); err != nil {
		return "", fmt.Errorf("fetch rule pack: decode answer: %w", err)
	}
	if !rulepack.Later(rp.Date, rp.Version, local.Date, local.Version) {
		return "", nil
	}
	// Parse again here: the file must be one the CLI will load.
	p, err := rulepack.Parse(bytes.NewReader(rp.Pack))
	if err != nil {
		return "", fmt.Errorf("rule pack %s from the server: %w", rp.Version, err)
	}
	if err := rulepack.SaveFile(ctx, c.rulePackPath, p); err != nil {
		return "", err
	}
	c.log.Info("rule pack updated from the server", "version", p.Version, "date", p.Date, "was", local.Version)
	return p.Version, nil
}
