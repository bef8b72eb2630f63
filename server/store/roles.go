package store

import (
	"encoding/json"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// What each role may change (docs/roles.md). Zone scope is checked by
// CanSee; these are the checks on top of it.

var (
	errNoDelete = &protocol.ChangeError{Code: "forbidden_role",
		Zh: "只有开发区负责人或管理员可以删除记录", En: "only a manager or an admin may delete records"}
	errNoErase = &protocol.ChangeError{Code: "forbidden_role",
		Zh: "只有开发区负责人或管理员可以彻底删除个人信息", En: "only a manager or an admin may erase records"}
	errNoReferralStatus = &protocol.ChangeError{Code: "forbidden_role",
		Zh: "只有接收方开发区的负责人或管理员可以接收、退回或登记落地转介",
		En: "only a manager of the receiving zone or an admin may accept, return or land a referral"}
)

// mayChange refuses a change p's role does not allow: deletes and erases
// by staff, and referral status changes by anyone but a manager of the
// receiving zone or an admin.
func mayChange(p Principal, ch protocol.Change, prev Record, exists bool) *protocol.ChangeError {
	if p.Role == RoleAdmin {
		return nil
	}
	switch {
	case ch.Op == protocol.OpDelete && p.Role != RoleManager:
		return errNoDelete
	case ch.Op == opErase && p.Role != RoleManager:
		return errNoErase
	}
	if ch.Kind != "referral" && prev.State.Kind != "referral" {
		return nil
	}
	next, sent := ch.Fields["status"]
	if !sent {
		return nil
	}
	status := jsonString(next)
	old := stringField(prev.State, "status")
	if (exists && status == old) || (!exists && status == "pending") {
		return nil // sending a referral, or re-sending its status
	}
	to := stringField(prev.State, "to_zone")
	if !exists {
		to = jsonString(ch.Fields["to_zone"])
	}
	if p.Role == RoleManager && to == p.Zone {
		return nil
	}
	return errNoReferralStatus
}

func jsonString(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) != nil {
		return ""
	}
	return s
}
