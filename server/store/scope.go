package store

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/shanhaifield/shanhai/sync/merge"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// CanSee reports whether p may read a record visible to zones.
func (p Principal) CanSee(zones []string) bool {
	return p.Role == RoleAdmin || slices.Contains(zones, p.Zone)
}

var (
	errForbidden = &protocol.ChangeError{Code: "forbidden_zone",
		Zh: "无权修改其他开发区的记录", En: "the record belongs to a zone you may not edit"}
	errNoParent = &protocol.ChangeError{Code: "no_parent",
		Zh: "所属企业在服务器上不存在，请先同步企业", En: "the enterprise named by enterprise_id is not on the server"}
)

// placement is where a record lives after a change.
type placement struct {
	zones  []string
	parent string
	home   string
}

// place decides where a record lives after a change: an enterprise in
// its zone_id (or its creator's zone) plus the zones its referrals share
// it with, a referral in both its zones, any other child in its
// enterprise's zones. Only the home zone or an admin may re-home an
// enterprise.
func place(ctx context.Context, tx Tx, p Principal, st merge.State, prev Record, exists bool) (placement, *protocol.ChangeError, error) {
	switch st.Kind {
	case "enterprise":
		home := stringField(st, "zone_id")
		switch {
		case home == "" && exists:
			home = prev.Home
		case home == "":
			home = p.Zone
		}
		if exists && home != prev.Home && p.Role != RoleAdmin && p.Zone != prev.Home {
			return placement{}, errForbidden, nil
		}
		return placement{zones: union(nonEmpty(home), prev.Shared), home: home}, nil, nil
	case "referral":
		zs := union(nonEmpty(stringField(st, "from_zone")), nonEmpty(stringField(st, "to_zone")))
		if len(zs) > 0 {
			return placement{zones: zs, parent: stringField(st, "enterprise_id")}, nil, nil
		}
	}
	parent := stringField(st, "enterprise_id")
	if parent == "" {
		if exists {
			return placement{zones: prev.Zones, parent: prev.Parent}, nil, nil
		}
		return placement{}, errNoParent, nil
	}
	if exists && parent == prev.Parent {
		return placement{zones: prev.Zones, parent: parent}, nil, nil
	}
	ent, ok, err := tx.Record(ctx, parent)
	if err != nil {
		return placement{}, nil, err
	}
	if !ok || ent.State.Kind != "enterprise" {
		return placement{}, errNoParent, nil
	}
	return placement{zones: ent.Zones, parent: parent}, nil, nil
}

// stringField reads a JSON string field of the merged state; "" when it
// is absent or not a string.
func stringField(st merge.State, name string) string {
	f, ok := st.Fields[name]
	if !ok {
		return ""
	}
	var s string
	if json.Unmarshal(f.Value, &s) != nil {
		return ""
	}
	return s
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// union returns the sorted set of zones in a and b.
func union(a, b []string) []string {
	out := append(append([]string(nil), a...), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// minus returns the zones of a that are not in b.
func minus(a, b []string) []string {
	var out []string
	for _, z := range a {
		if !slices.Contains(b, z) {
			out = append(out, z)
		}
	}
	return out
}
