package protocol

import (
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"
)

// maxIDLen bounds client-chosen identifiers so a hostile client cannot
// make the server store megabyte keys.
const maxIDLen = 200

// ChangeError says why one change is refused; it becomes a rejected
// Result, not a failed batch.
type ChangeError struct {
	Code string
	Zh   string
	En   string
}

// Error returns the English explanation.
func (e *ChangeError) Error() string { return e.Code + ": " + e.En }

// DecodePush reads and checks a push body. An error means the whole batch
// is malformed (400); problems of single changes are left to Check so the
// rest of the batch still applies.
func DecodePush(r io.Reader) (PushRequest, error) {
	var req PushRequest
	dec := json.NewDecoder(r)
	if err := dec.Decode(&req); err != nil {
		return PushRequest{}, fmt.Errorf("decode push body: %w", err)
	}
	if err := req.Validate(); err != nil {
		return PushRequest{}, err
	}
	return req, nil
}

// Validate checks what the server needs to acknowledge the batch at all:
// a client ID and a unique mutation ID per change.
func (r *PushRequest) Validate() error {
	if err := checkID("client_id", r.ClientID); err != nil {
		return err
	}
	if r.After != "" {
		if err := checkID("after", r.After); err != nil {
			return err
		}
	}
	if len(r.Changes) > MaxBatch {
		return fmt.Errorf("changes: %d in one batch, at most %d", len(r.Changes), MaxBatch)
	}
	seen := make(map[string]bool, len(r.Changes))
	for i, c := range r.Changes {
		if err := checkID("mutation_id", c.MutationID); err != nil {
			return fmt.Errorf("change %d: %w", i, err)
		}
		if seen[c.MutationID] {
			return fmt.Errorf("change %d: mutation_id %q repeated in one batch", i, c.MutationID)
		}
		seen[c.MutationID] = true
	}
	return nil
}

func checkID(field, v string) error {
	switch {
	case v == "":
		return fmt.Errorf("%s is required", field)
	case len(v) > maxIDLen:
		return fmt.Errorf("%s is longer than %d bytes", field, maxIDLen)
	case !utf8.ValidString(v):
		return fmt.Errorf("%s is not valid UTF-8", field)
	}
	return nil
}

// Check reports what is wrong with one change, or nil. It checks shape
// only; stamps are parsed by the merge.
func (c Change) Check() *ChangeError {
	if err := checkID("record_id", c.RecordID); err != nil {
		return &ChangeError{Code: "bad_record_id", Zh: "记录编号缺失或无效", En: err.Error()}
	}
	if err := checkID("kind", c.Kind); err != nil {
		return &ChangeError{Code: "bad_kind", Zh: "记录类型缺失或无效", En: err.Error()}
	}
	switch c.Op {
	case OpPut:
		if len(c.Fields) == 0 {
			return &ChangeError{Code: "no_fields", Zh: "修改没有包含任何字段", En: "put carries no fields"}
		}
		for name := range c.Fields {
			if _, ok := c.Versions[name]; !ok {
				return &ChangeError{Code: "no_version", Zh: "字段 " + name + " 缺少版本戳",
					En: "field " + name + " has no version stamp"}
			}
		}
	case OpDelete:
		if c.Versions[DeletedKey] == "" {
			return &ChangeError{Code: "no_version", Zh: "删除缺少版本戳", En: "delete has no " + DeletedKey + " stamp"}
		}
	case OpRestore:
		if c.Versions[RestoredKey] == "" {
			return &ChangeError{Code: "no_version", Zh: "恢复缺少版本戳", En: "restore has no " + RestoredKey + " stamp"}
		}
	case OpErase:
		if c.Versions[ErasedKey] == "" {
			return &ChangeError{Code: "no_version", Zh: "彻底删除缺少版本戳", En: "erase has no " + ErasedKey + " stamp"}
		}
	default:
		return &ChangeError{Code: "bad_op", Zh: "未知操作 " + string(c.Op), En: "op " + string(c.Op) + " is not put, delete, restore or erase"}
	}
	return nil
}
