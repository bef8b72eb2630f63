package cli

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"github.com/shanhaifield/shanhai/record"
)

// listSeparators split a list typed on a Chinese keyboard as well as an
// English one: "电镀,印染", "电镀、印染" and "电镀，印染" are the same list.
const listSeparators = ",、，"

// parseText turns the text a user typed (a flag value or a CSV cell) into
// the JSON value of field f. An empty text clears the field. Free text is
// kept exactly; callers that want it trimmed trim it first.
func parseText(f field, text string) (json.RawMessage, *record.Problem) {
	exact := text // strings are kept as written: CSV cells must round-trip
	text = strings.TrimSpace(text)
	bad := func(zh, en string) (json.RawMessage, *record.Problem) {
		p := problem(f.Name, "type", zh, en)
		return nil, &p
	}
	switch t := f.Type; {
	case t == stageType:
		st, p := parseStage(f.Name, text)
		if p != nil {
			return nil, p
		}
		return marshalJSON(string(st))
	case t == reflect.TypeFor[time.Time]():
		if text == "" {
			return marshalJSON(time.Time{})
		}
		tm, err := time.Parse(time.RFC3339Nano, text)
		if err != nil {
			return bad("时间格式应为 RFC 3339（如 2026-11-26T08:00:00Z）", "must be an RFC 3339 time")
		}
		return marshalJSON(tm)
	case t == rawType:
		if text == "" {
			return json.RawMessage("null"), nil
		}
		if !json.Valid([]byte(text)) {
			return bad("应为合法的 JSON", "must be valid JSON")
		}
		return json.RawMessage(text), nil
	case t.Kind() == reflect.String:
		return marshalJSON(exact)
	case t.Kind() == reflect.Bool:
		b, ok := parseBool(text)
		if !ok {
			return bad("应为 是/否（true/false）", "must be true or false")
		}
		return marshalJSON(b)
	case t.Kind() == reflect.Pointer:
		return parseNumber(f, text)
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		return parseList(text)
	case t.Kind() == reflect.Map:
		if text == "" {
			return json.RawMessage("null"), nil
		}
		var m map[string]string
		if err := json.Unmarshal([]byte(text), &m); err != nil {
			return bad("应为 JSON 对象", "must be a JSON object")
		}
		return marshalJSON(m)
	}
	return bad("不支持的字段类型", "has an unsupported type "+f.Type.String())
}

// parseNumber reads an integer or decimal field; empty clears it.
func parseNumber(f field, text string) (json.RawMessage, *record.Problem) {
	if text == "" {
		return json.RawMessage("null"), nil
	}
	var v any
	var err error
	switch f.Type.Elem().Kind() {
	case reflect.Int:
		v, err = strconv.Atoi(plainNumber(text))
	case reflect.Float64:
		var x float64
		x, err = strconv.ParseFloat(plainNumber(text), 64)
		if err == nil && (math.IsInf(x, 0) || math.IsNaN(x)) {
			err = strconv.ErrRange
		}
		v = x
	default:
		p := problem(f.Name, "type", "不支持的字段类型", "has an unsupported type "+f.Type.String())
		return nil, &p
	}
	if err != nil {
		p := problem(f.Name, "type", "应为"+typeZh(f.Type)+"，而不是「"+text+"」",
			"must be "+typeEn(f.Type)+", not "+strconv.Quote(text))
		return nil, &p
	}
	return marshalJSON(v)
}

// parseList splits a list on any separator; a JSON array is taken as it
// is, so that items holding a separator survive a CSV round trip.
func parseList(text string) (json.RawMessage, *record.Problem) {
	if text == "" {
		return json.RawMessage("null"), nil
	}
	if strings.HasPrefix(text, "[") {
		var items []string
		if err := json.Unmarshal([]byte(text), &items); err == nil {
			return marshalJSON(items)
		}
	}
	var items []string
	for _, s := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(listSeparators, r) }) {
		if s = strings.TrimSpace(s); s != "" {
			items = append(items, s)
		}
	}
	if len(items) == 0 {
		return json.RawMessage("null"), nil
	}
	return marshalJSON(items)
}

// plainNumber folds full-width digits (１２３) to ASCII and drops
// thousands separators, as numbers are often pasted from documents.
func plainNumber(s string) string {
	s = width.Narrow.String(s)
	return strings.ReplaceAll(s, ",", "")
}

func parseBool(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "", "false", "0", "no", "n", "否", "f":
		return false, true
	case "true", "1", "yes", "y", "是", "t":
		return true, true
	}
	return false, false
}

func marshalJSON(v any) (json.RawMessage, *record.Problem) {
	b, err := json.Marshal(v)
	if err != nil {
		p := problem("", "json", "无法编码", err.Error())
		return nil, &p
	}
	return b, nil
}

// csvText renders a field value so that parseText reads it back to the
// same value: the CSV cell of an export.
func csvText(f field, v reflect.Value) string {
	switch x := v.Interface().(type) {
	case json.RawMessage:
		return compactJSON(x)
	case time.Time:
		if x.IsZero() {
			return ""
		}
		return x.Format(time.RFC3339Nano)
	case map[string]string:
		if len(x) == 0 {
			return ""
		}
		b, _ := json.Marshal(x) // a map of strings always marshals
		return string(b)
	case []string:
		return listText(x)
	case bool:
		if x {
			return "true"
		}
		return ""
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return ""
		}
		return numberText(v.Elem())
	case reflect.String:
		return v.String()
	}
	return ""
}

// listText joins with "、" unless an item holds a separator, in which case
// the list is written as a JSON array.
func listText(items []string) string {
	if len(items) == 0 {
		return ""
	}
	for _, s := range items {
		if strings.ContainsAny(s, listSeparators) || strings.HasPrefix(s, "[") || strings.TrimSpace(s) != s || s == "" {
			b, _ := json.Marshal(items)
			return string(b)
		}
	}
	return strings.Join(items, "、")
}

func numberText(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Int:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	}
	return ""
}

// humanText renders a field value for people: stages in Chinese, lists
// with "、", times in local time.
func humanText(f field, v reflect.Value) string {
	switch x := v.Interface().(type) {
	case record.Stage:
		if zh := x.Chinese(); zh != "" {
			return zh
		}
		return string(x)
	case time.Time:
		if x.IsZero() {
			return ""
		}
		return x.Local().Format("2006-01-02 15:04:05")
	case bool:
		if x {
			return "是"
		}
		return "否"
	case []string:
		return strings.Join(x, "、")
	case map[string]string:
		return ""
	}
	return csvText(f, v)
}

// compactJSON writes raw JSON on one line, as encoding/json does on export.
func compactJSON(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return string(raw)
	}
	return b.String()
}
