package app

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"

	"github.com/shanhaifield/shanhai/record"
)

// fieldValue is one filled-in field of a record, in words.
type fieldValue struct {
	field, label, value string
}

// englishUI reports whether the interface shows English; the translation
// files carry their own language code under lang.code.
func englishUI() bool { return lang.X("lang.code", "zh") == "en" }

// fieldLabel names a record field in the interface language.
func fieldLabel(kind record.Kind, field string) string {
	zh, en := record.FieldLabel(kind, field)
	if !englishUI() {
		return zh
	}
	r, n := utf8.DecodeRuneInString(en)
	return string(unicode.ToUpper(r)) + en[n:]
}

// hiddenFields are never shown as plain values: the header, the parent
// link and opaque JSON.
var hiddenFields = map[string]bool{"id": true, "created_at": true, "updated_at": true, "author": true,
	"versions": true, "enterprise_id": true, "inputs": true, "results": true}

// recordFields lists rec's non-empty fields in declaration order, their
// values made readable with ref (stage, region, industry and zone names).
func recordFields(rec record.Record, ref *reference) []fieldValue {
	b, err := json.Marshal(rec)
	if err != nil {
		return nil
	}
	var raw map[string]json.RawMessage
	if json.Unmarshal(b, &raw) != nil {
		return nil
	}
	var out []fieldValue
	for _, f := range jsonFields(reflect.TypeOf(rec).Elem()) {
		v, ok := raw[f]
		if !ok || hiddenFields[f] {
			continue
		}
		text := readable(rec.Kind(), f, v, ref)
		if text == "" {
			continue
		}
		out = append(out, fieldValue{field: f, label: fieldLabel(rec.Kind(), f), value: text})
	}
	return out
}

// jsonFields returns the JSON names of a struct's fields, embedded
// structs flattened, in declaration order.
func jsonFields(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			out = append(out, jsonFields(sf.Type)...)
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

// readable turns one JSON value into text; "" for an empty value.
func readable(kind record.Kind, field string, v json.RawMessage, ref *reference) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return namedValue(kind, field, s, ref)
	}
	var list []string
	if json.Unmarshal(v, &list) == nil {
		return strings.Join(list, "、")
	}
	var n float64
	if json.Unmarshal(v, &n) == nil {
		return strconv.FormatFloat(n, 'f', -1, 64)
	}
	var b bool
	if json.Unmarshal(v, &b) == nil {
		if b {
			return lang.X("value.yes", "是")
		}
		return ""
	}
	return string(v)
}

func namedValue(kind record.Kind, field, s string, ref *reference) string {
	if s == "" {
		return ""
	}
	switch field {
	case "stage":
		return stageLabel(record.Stage(s))
	case "region_code":
		return regionLabel(s)
	case "industry_code":
		return ref.industryName(s)
	case "zone_id", "from_zone", "to_zone":
		return ref.zoneName(s)
	case "status":
		if kind == record.KindReferral {
			return referralStatusLabel(record.ReferralStatus(s))
		}
	case "legal_basis":
		return legalBasisLabel(record.LegalBasis(s))
	}
	return s
}
