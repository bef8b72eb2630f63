package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

const addUsage = "add KIND [--field value…] [-] [--json] [--confirm-credit-code]"

// runAdd creates one record from field flags and/or a JSON object on
// stdin. Nothing is stored unless every field is valid.
func runAdd(s *session, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		fmt.Fprintf(s.stdout, "用法 / usage: shanhai %s\nKIND: %s\n运行 shanhai add KIND -h 查看字段 / 'shanhai add KIND -h' lists the fields\n", addUsage, kindList())
		if len(args) == 0 {
			return usageErrorf("add 需要记录类型 / add needs a kind (%s)", kindList())
		}
		return nil
	}
	kind := record.Kind(args[0])
	if record.New(kind) == nil {
		return usageErrorf("未知记录类型「%s」/ unknown kind %q (%s)", args[0], args[0], kindList())
	}
	fs := newFlagSet("add " + string(kind))
	ff := bindFieldFlags(fs, kind)
	asJSON := fs.Bool("json", false, "输出 JSON / print the stored record as JSON")
	confirm := bindConfirm(fs, kind)
	pos, err := s.parse(fs, args[1:], "add "+string(kind)+" [--field value…] [-] [--json]")
	if err != nil {
		return err
	}
	rec, probs, err := s.addInput(kind, ff, pos)
	if err != nil {
		return err
	}
	if e, ok := rec.(*record.Enterprise); ok && *confirm {
		e.CreditCodeConfirmed = true
	}
	return s.withStore(func(st *storage.Store) error {
		if err := s.check(rec, probs, *confirm); err != nil {
			return err
		}
		if err := s.warnDuplicates(st, rec); err != nil {
			return err
		}
		if err := st.Create(s.ctx, rec); err != nil {
			return fmt.Errorf("add %s: %w", kind, err)
		}
		s.log.Info("record added", "kind", kind, "id", rec.Header().ID)
		return s.printStored(rec, *asJSON)
	})
}

// addInput gathers the new record's fields: a JSON object from stdin
// (with "-", or when no field flags are given and stdin is not a
// terminal), then the field flags over it.
func (s *session) addInput(kind record.Kind, ff *fieldFlags, pos []string) (record.Record, record.Problems, error) {
	fromStdin := len(pos) == 1 && pos[0] == "-"
	if !fromStdin {
		if err := noArgs(pos, addUsage); err != nil {
			return nil, nil, err
		}
		fromStdin = !ff.Given() && !isTerminal(s.stdin)
	}
	values := map[string]json.RawMessage{}
	if fromStdin {
		var err error
		if values, err = readJSONObject(s.stdin, kind); err != nil {
			return nil, nil, err
		}
	}
	flagValues, probs := ff.Values()
	for k, v := range flagValues {
		values[k] = v
	}
	if len(values) == 0 && len(probs) == 0 {
		return nil, nil, usageErrorf("没有给出任何字段 / no fields given; 运行 shanhai add %s -h 查看字段", kind)
	}
	rec, more := decodeFields(kind, values, false)
	return rec, append(probs, more...), nil
}

// printStored prints a stored record's ID, or the record as JSON.
func (s *session) printStored(rec record.Record, asJSON bool) error {
	if !asJSON {
		_, err := fmt.Fprintln(s.stdout, rec.Header().ID)
		return err
	}
	b, err := recordJSON(rec)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(s.stdout, "%s\n", b)
	return err
}

// bindConfirm adds --confirm-credit-code for kinds that have a credit
// code; for others it returns a flag that stays false.
func bindConfirm(fs interface {
	Bool(name string, value bool, usage string) *bool
}, kind record.Kind) *bool {
	if _, ok := fieldByName(kind, "credit_code_confirmed"); !ok {
		return new(bool)
	}
	return fs.Bool("confirm-credit-code", false,
		"保留校验码不符的统一社会信用代码 / keep a credit code whose check character does not match")
}

// check decides whether rec may be written: it reports every problem
// (the flags' and the record's own rules) at once, and refuses a credit
// code that fails its check unless the user confirmed it.
func (s *session) check(rec record.Record, decodeProbs record.Problems, confirmed bool) error {
	record.Normalize(rec)
	bad := map[string]bool{}
	for _, p := range decodeProbs {
		bad[p.Field] = true
	}
	errs := append(record.Problems(nil), decodeProbs...)
	var warns record.Problems
	for _, p := range rec.Validate() {
		switch {
		case bad[p.Field]: // already reported as a bad value
		case p.Severity == record.Warning:
			warns = append(warns, p)
		default:
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 {
		writeProblems(s.stderr, rec.Kind(), append(errs, warns...))
		fmt.Fprintln(s.stderr, "未保存 / nothing stored")
		return errReported
	}
	blocked := false
	for _, p := range warns {
		writeProblems(s.stderr, rec.Kind(), record.Problems{p})
		if p.Rule == "credit_code_check" && !confirmed {
			blocked = true
		}
	}
	if blocked {
		fmt.Fprintln(s.stderr, "如确认代码无误，请加 --confirm-credit-code 重新运行；未保存 / "+
			"if the code is right, run again with --confirm-credit-code; nothing stored")
		return errReported
	}
	return nil
}

// warnDuplicates prints enterprises that may be the same as a new one.
// They are warnings: two companies may share a short name.
func (s *session) warnDuplicates(st *storage.Store, rec record.Record) error {
	e, ok := rec.(*record.Enterprise)
	if !ok {
		return nil
	}
	dups, err := st.FindDuplicates(s.ctx, e, nil)
	if err != nil {
		return fmt.Errorf("duplicate check: %w", err)
	}
	for _, d := range dups {
		fmt.Fprintf(s.stderr, "可能重复 / possible duplicate: %s %s (%s)\n", d.ID, d.Name, dupReason(d))
	}
	return nil
}

func dupReason(d storage.Duplicate) string {
	zh, en := d.Zh, d.En
	if zh == "" || en == "" {
		zh, en = storage.ReasonText(d.Reason)
	}
	if zh == en {
		return zh
	}
	return zh + " / " + en
}

// readJSONObject reads one JSON object of field values from r. A "kind"
// key, if present, must match.
func readJSONObject(r io.Reader, kind record.Kind) (map[string]json.RawMessage, error) {
	var values map[string]json.RawMessage
	dec := json.NewDecoder(r)
	if err := dec.Decode(&values); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, usageErrorf("标准输入为空，应为 JSON 对象 / stdin is empty, expected a JSON object")
		}
		return nil, usageErrorf("标准输入不是 JSON 对象 / stdin is not a JSON object: %v", err)
	}
	if values == nil {
		return nil, usageErrorf("标准输入不是 JSON 对象 / stdin is not a JSON object")
	}
	if raw, ok := values["kind"]; ok {
		var k string
		if err := json.Unmarshal(raw, &k); err != nil || record.Kind(k) != kind {
			return nil, usageErrorf("JSON 的 kind %s 与命令的 %s 不符 / JSON kind %s does not match %s", raw, kind, raw, kind)
		}
		delete(values, "kind")
	}
	return values, nil
}

// isTerminal reports whether r is an interactive terminal, where waiting
// for JSON would only hang.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// kindList names the record kinds for usage messages.
func kindList() string {
	out := ""
	for i, k := range record.Kinds {
		if i > 0 {
			out += "|"
		}
		out += string(k)
	}
	return out
}
