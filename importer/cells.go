package importer

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/shanhaifield/shanhai/record"
	"golang.org/x/text/width"
)

// cellError is why a cell could not be read as its field's type.
type cellError struct{ zh, en string }

// cellJSON turns a cleaned, non-empty cell into the JSON value of a field
// of type t: numbers stored as text, with thousands separators, full-width
// digits or a unit (万元, 亩, 人) are read as numbers; lists split on the
// separators people type.
func cellJSON(t reflect.Type, text string) (json.RawMessage, *cellError) {
	switch t.Kind() {
	case reflect.String:
		return jsonOf(text), nil
	case reflect.Bool:
		switch strings.ToLower(width.Fold.String(text)) {
		case "是", "true", "yes", "y", "1", "√", "✓", "已完成", "已确认":
			return json.RawMessage("true"), nil
		case "否", "false", "no", "n", "0", "×", "未完成":
			return json.RawMessage("false"), nil
		}
		return nil, &cellError{"应为“是”或“否”", "must be yes or no"}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.String {
			return jsonOf(splitList(text)), nil
		}
	case reflect.Pointer:
		n, ok := parseNumber(text)
		if !ok {
			return nil, &cellError{fmt.Sprintf("“%s”不是数字", text), fmt.Sprintf("%q is not a number", text)}
		}
		if t.Elem().Kind() == reflect.Int {
			if n != math.Trunc(n) || math.Abs(n) > 1e9 {
				return nil, &cellError{fmt.Sprintf("“%s”应为整数", text), fmt.Sprintf("%q must be a whole number", text)}
			}
			return jsonOf(int(n)), nil
		}
		return jsonOf(n), nil
	}
	return nil, &cellError{"此字段不能从表格导入", "this field cannot be imported from a sheet"}
}

func jsonOf(v any) json.RawMessage {
	data, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage("null") // only finite numbers and strings reach here
	}
	return data
}

// units are suffixes people type after figures; the field says the unit.
var units = []string{"万元", "元", "亩", "人", "万", "平方米", "㎡", "吨/日", "吨", "千伏安", "kva"}

// parseNumber reads "1,234.5", "１２３", " 300 亩", "500万元".
func parseNumber(text string) (float64, bool) {
	s := strings.ToLower(width.Fold.String(text))
	s = strings.NewReplacer(",", "", " ", "", "\u00a0", "").Replace(s)
	for _, u := range units {
		if t, ok := strings.CutSuffix(s, u); ok {
			s = t
			break
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return 0, false
	}
	return n, true
}

// splitList splits "新材料，高新技术企业、专精特新" into its items.
func splitList(text string) []string {
	items := strings.FieldsFunc(text, func(r rune) bool {
		switch r {
		case ',', '，', ';', '；', '、', '|', '\n', '/':
			return true
		}
		return false
	})
	out := items[:0]
	for _, it := range items {
		if it = record.CleanText(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}
