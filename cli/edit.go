package cli

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

const editUsage = "edit ID --field value… [--json] [--confirm-credit-code]"

// runEdit changes only the named fields of one record (storage Patch), so
// that a sync merge sees exactly the fields the user touched.
func runEdit(s *session, args []string) error {
	id, rest := leadingID(args)
	if id == "" {
		fs := newFlagSet("edit")
		if _, err := s.parse(fs, args, editUsage); err != nil {
			return err
		}
		return usageErrorf("edit 需要记录 ID / edit needs a record ID; usage: shanhai %s", editUsage)
	}
	return s.withStore(func(st *storage.Store) error {
		old, err := st.Get(s.ctx, id)
		if err != nil {
			return fmt.Errorf("edit %s: %w", id, err)
		}
		kind := old.Kind()
		fs := newFlagSet("edit " + string(kind))
		ff := bindFieldFlags(fs, kind)
		asJSON := fs.Bool("json", false, "输出 JSON / print the stored record as JSON")
		confirm := bindConfirm(fs, kind)
		pos, err := s.parse(fs, rest, "edit ID --field value…  ("+string(kind)+")")
		if err != nil {
			return err
		}
		if err := noArgs(pos, editUsage); err != nil {
			return err
		}
		values, probs := ff.Values()
		if len(values) == 0 && len(probs) == 0 {
			return usageErrorf("没有要修改的字段 / no fields to change; 运行 shanhai edit %s -h 查看字段", id)
		}
		if *confirm {
			values["credit_code_confirmed"] = json.RawMessage("true")
		} else if _, changed := values["credit_code"]; changed && kind == record.KindEnterprise {
			// A confirmation was for the old code; a new code is checked afresh.
			values["credit_code_confirmed"] = json.RawMessage("false")
		}
		preview, more := applyValues(old, values)
		if err := s.check(preview, append(probs, more...), *confirm); err != nil {
			return err
		}
		rec, err := st.Patch(s.ctx, kind, id, values)
		if err != nil {
			return fmt.Errorf("edit %s %s: %w", kind, id, err)
		}
		if *asJSON {
			return s.printStored(rec, true)
		}
		_, err = fmt.Fprintf(s.stdout, "已更新 / updated: %s %s (%s)\n", id, titleOf(rec), strings.Join(sortedKeys(values), ", "))
		return err
	})
}

// leadingID finds the record ID among the arguments: the first one that
// is not a flag or a flag's value. Field flags depend on the record's
// kind, which is known only once the ID is read.
func leadingID(args []string) (string, []string) {
	for i, a := range args {
		if a == "--" {
			if i+1 < len(args) {
				return args[i+1], append(append([]string(nil), args[:i]...), args[i+2:]...)
			}
			return "", args
		}
		if strings.HasPrefix(a, "-") {
			continue
		}
		prev := ""
		if i > 0 {
			prev = args[i-1]
		}
		// A word right after "--flag" (without "=") is that flag's value,
		// unless the flag is a lone bool flag such as --json.
		if strings.HasPrefix(prev, "-") && !strings.Contains(prev, "=") && !standaloneFlag(prev) {
			continue
		}
		return a, append(append([]string(nil), args[:i]...), args[i+1:]...)
	}
	return "", args
}

// standaloneFlag reports flags that take no value in edit: the command's
// own switches and every bool field of any kind.
func standaloneFlag(arg string) bool {
	name := strings.TrimLeft(arg, "-")
	switch name {
	case "json", "confirm-credit-code", "h", "help":
		return true
	}
	for _, k := range record.Kinds {
		for _, f := range fieldsOf(k) {
			if f.Flag() == name && f.Type.Kind() == reflect.Bool {
				return true
			}
		}
	}
	return false
}

// applyValues returns a copy of rec with values applied, to check the
// edit before it is written.
func applyValues(rec record.Record, values map[string]json.RawMessage) (record.Record, record.Problems) {
	cp := record.New(rec.Kind())
	if b, err := json.Marshal(rec); err == nil {
		_ = json.Unmarshal(b, cp) // the record came from the store; it decodes
	}
	v := reflect.ValueOf(cp).Elem()
	var probs record.Problems
	for _, f := range fieldsOf(rec.Kind()) {
		raw, ok := values[f.Name]
		if !ok {
			continue
		}
		dst := v.FieldByIndex(f.Index)
		dst.SetZero() // null clears, as in storage Patch
		if p := decodeField(f, dst, raw); p != nil {
			probs = append(probs, *p)
		}
	}
	return cp, probs
}
