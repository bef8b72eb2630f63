package store

import (
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/shanhaifield/shanhai/sync/merge"
)

// The audit log is append-only, so a personal value written into it
// could never be erased when the contact is (PIPL art. 47). Personal
// fields are therefore masked: enough is kept to tell which value
// changed, not to recover it. See docs/audit.md.

// maskKind says how a personal field is masked.
type maskKind int

const (
	maskName  maskKind = iota + 1 // 张三 → 张*
	maskPhone                     // +8613812345678 → +86 138****5678
	maskID                        // wechat: first character, then ***
	maskMail                      // e-mail: first character, ***, the domain
	maskText                      // free text naming people: not kept at all
)

// personal lists the personal fields per record kind.
var personal = map[string]map[string]maskKind{
	"contact": {"name": maskName, "mobile": maskPhone, "phone": maskPhone, "wechat": maskID,
		"email": maskMail, "notes": maskText, "consent_note": maskText},
	"visit": {"summary": maskText, "participants": maskText, "notes": maskText},
}

// textRecorded replaces free text that may name people.
const textRecorded = "(已记录, 内容不入审计)"

// Mask returns the audit form of a field's JSON value: the value itself
// for a field that is not personal, a masked JSON string otherwise.
func Mask(kind, field string, value json.RawMessage) json.RawMessage {
	m := personal[kind][field]
	if m == 0 || len(value) == 0 || string(value) == "null" {
		return value
	}
	var s string
	if m != maskText && json.Unmarshal(value, &s) != nil {
		m = maskText // not a string: keep nothing
	}
	var out string
	switch m {
	case maskName:
		out = maskRunes(s, 1)
	case maskPhone:
		out = maskPhoneNumber(s)
	case maskID:
		out = maskIdentifier(s)
	case maskMail:
		out = maskMailAddress(s)
	default:
		out = textRecorded
	}
	b, _ := json.Marshal(out)
	return b
}

// maskRunes keeps the first keep runes and replaces the rest with *.
func maskRunes(s string, keep int) string {
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return ""
	}
	if n <= keep {
		return strings.Repeat("*", n)
	}
	i := 0
	for k := 0; k < keep; k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i] + strings.Repeat("*", n-keep)
}

// maskPhoneNumber keeps the country code, the first three and the last
// four digits: +8613812345678 → +86 138****5678.
func maskPhoneNumber(s string) string {
	var digits []byte
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			digits = append(digits, c)
		}
	}
	prefix := ""
	if strings.HasPrefix(strings.TrimSpace(s), "+86") && len(digits) > 2 {
		prefix, digits = "+86 ", digits[2:]
	}
	if len(digits) < 8 {
		return prefix + strings.Repeat("*", len(digits))
	}
	return prefix + string(digits[:3]) + strings.Repeat("*", len(digits)-7) + string(digits[len(digits)-4:])
}

// maskIdentifier keeps the first character: zhangsan_88 → z***.
func maskIdentifier(s string) string {
	_, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return ""
	}
	return s[:size] + "***"
}

// maskMailAddress keeps the first character and the domain:
// zhang.san@example.com → z***@example.com.
func maskMailAddress(s string) string {
	i := strings.LastIndexByte(s, '@')
	if i < 0 {
		return maskIdentifier(s)
	}
	local := maskIdentifier(s[:i])
	if local == "" {
		local = "***"
	}
	return local + s[i:]
}

// diffFields lists the fields whose value differs between prev and next,
// in field order, masked for the audit log.
func diffFields(prev, next merge.State) []FieldChange {
	out := make([]FieldChange, 0, len(next.Fields))
	for _, k := range sortedKeys(next.Fields) {
		nv := next.Fields[k].Value
		pf, had := prev.Fields[k]
		if had && string(pf.Value) == string(nv) {
			continue
		}
		fc := FieldChange{Field: k, New: Mask(next.Kind, k, nv)}
		if had {
			fc.Old = Mask(next.Kind, k, pf.Value)
		}
		out = append(out, fc)
	}
	if len(out) == 0 {
		return nil // as before: no changes is no list
	}
	return out
}
