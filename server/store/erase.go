package store

import (
	"context"
	"fmt"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/sync/merge"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// An erase (protocol.OpErase) removes a record's personal information
// for real (PIPL art. 47): its field values, the values that lost merges,
// and the conflicts kept in stored mutation results. What stays is a
// tombstone with kind, ID, zones and the erase stamp, numbered like any
// change so every client pulls it and erases its own copy. No later
// change can bring the record back.

var (
	errEraseRole = &protocol.ChangeError{Code: "erase_forbidden",
		Zh: "只有本开发区的管理员或系统管理员可以彻底删除记录",
		En: "only a manager or admin of the record's zone may erase it"}
	errEraseEnterprise = &protocol.ChangeError{Code: "erase_enterprise",
		Zh: "企业信息不是个人信息，不能彻底删除；请彻底删除其联系人",
		En: "an enterprise is not personal information and cannot be erased; erase its contacts"}
	errEraseStamp = &protocol.ChangeError{Code: "no_version",
		Zh: "彻底删除的版本戳无效", En: "erase stamp " + protocol.ErasedKey + " is not an HLC stamp"}
	errErased = &protocol.ChangeError{Code: "record_erased",
		Zh: "该记录已被彻底删除，不能再修改或恢复", En: "record erased: it cannot be changed or restored"}
	errEraseKind = &protocol.ChangeError{Code: "bad_kind",
		Zh: "彻底删除的记录类型与服务器上的不一致", En: "erase names a kind other than the stored record's"}
)

// CanErase reports whether p may erase a record visible to zones: a
// manager of one of those zones, or an admin.
func (p Principal) CanErase(zones []string) bool {
	return p.Role == RoleAdmin || (p.Role == RoleManager && p.CanSee(zones))
}

// applyErase stores the tombstone of an erase under a new sequence
// number and scrubs the record's values from the mutation history. A
// record the server never had gets a tombstone in the caller's zone, so
// a late push of its create cannot bring it in.
func applyErase(ctx context.Context, tx Tx, p Principal, ch protocol.Change, prev Record, exists bool) (protocol.Result, error) {
	if cerr := ch.Check(); cerr != nil {
		return rejected(ch, cerr), nil
	}
	if ch.Kind == "enterprise" {
		return rejected(ch, errEraseEnterprise), nil
	}
	if exists && prev.State.Kind != ch.Kind {
		return rejected(ch, errEraseKind), nil
	}
	zones := prev.Zones
	if !exists {
		zones = nonEmpty(p.Zone)
	}
	owners, err := ownerZones(ctx, tx, prev, zones)
	if err != nil {
		return protocol.Result{}, err
	}
	if !p.CanErase(owners) {
		return rejected(ch, errEraseRole), nil
	}
	stamp := ch.Versions[protocol.ErasedKey]
	if _, err := hlc.Parse(stamp); err != nil {
		return rejected(ch, errEraseStamp), nil
	}
	if exists && prev.Erased != "" {
		return protocol.Result{MutationID: ch.MutationID, Status: protocol.StatusUnchanged}, nil
	}
	next := Record{State: merge.State{Kind: ch.Kind, ID: ch.RecordID, Deleted: stamp},
		Zones: zones, Parent: prev.Parent, Home: prev.Home, Shared: prev.Shared, Erased: stamp}
	rec, err := save(ctx, tx, next, prev)
	if err != nil {
		return protocol.Result{}, err
	}
	if err := follow(ctx, tx, rec, prev); err != nil {
		return protocol.Result{}, err
	}
	if err := tx.EraseHistory(ctx, ch.RecordID); err != nil {
		return protocol.Result{}, fmt.Errorf("erase history of %s: %w", ch.RecordID, err)
	}
	return protocol.Result{MutationID: ch.MutationID, Status: protocol.StatusApplied, Seq: rec.Seq}, nil
}

// ownerZones are the zones whose managers may erase a record: the home
// zone of its enterprise, not the zones a referral shares it with (a
// receiving zone may read a referred contact but not erase it for the
// zone that holds it). A referral belongs to both of its zones.
func ownerZones(ctx context.Context, tx Tx, prev Record, zones []string) ([]string, error) {
	if prev.State.Kind == "referral" || prev.Parent == "" {
		return zones, nil
	}
	ent, ok, err := tx.Record(ctx, prev.Parent)
	if err != nil || !ok || ent.Home == "" {
		return zones, err
	}
	return []string{ent.Home}, nil
}

// ScrubResult removes the conflicts about record id from a stored
// mutation result; changed is false when it had none.
func ScrubResult(res protocol.Result, id string) (protocol.Result, bool) {
	var kept []protocol.Conflict
	for _, c := range res.Conflicts {
		if c.RecordID != id {
			kept = append(kept, c)
		}
	}
	if len(kept) == len(res.Conflicts) {
		return res, false
	}
	res.Conflicts = kept
	return res, true
}
