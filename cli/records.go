package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/shanhaifield/shanhai/record"
)

// recordJSON is the export form of a record: its JSON object with "kind"
// first. It is what export writes one per line, what import reads and
// what --json prints.
func recordJSON(rec record.Record) (json.RawMessage, error) {
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rec); err != nil {
		return nil, fmt.Errorf("encode %s %s: %w", rec.Kind(), rec.Header().ID, err)
	}
	b := bytes.TrimSpace(body.Bytes())
	kind, _ := json.Marshal(string(rec.Kind())) // a string always marshals
	out := append([]byte(`{"kind":`), kind...)
	if len(b) > 2 {
		out = append(out, ',')
	}
	return append(out, b[1:]...), nil
}

// writeJSON prints v as indented JSON, the stable machine output.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// recordsJSON is the export form of several records, for --json lists.
func recordsJSON(recs []record.Record) ([]json.RawMessage, error) {
	out := make([]json.RawMessage, 0, len(recs))
	for _, r := range recs {
		b, err := recordJSON(r)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// titleOf is the one-line name of a record in messages.
func titleOf(rec record.Record) string {
	switch r := rec.(type) {
	case *record.Enterprise:
		return r.Name
	case *record.Contact:
		return r.Name
	case *record.Visit:
		return strings.TrimSpace(r.Date + " " + clip(r.Summary, 30))
	case *record.Project:
		return r.Name
	case *record.Task:
		return strings.TrimSpace(r.Due + " " + r.Title)
	case *record.Referral:
		return r.FromZone + " → " + r.ToZone
	case *record.Screening:
		return r.PackVersion + " " + strings.Join(r.Zones, "、")
	}
	return ""
}

// listColumns are the fields a list of kind shows, after the ID.
func listColumns(kind record.Kind) []string {
	switch kind {
	case record.KindEnterprise:
		return []string{"name", "stage", "credit_code", "industry_code", "region_code"}
	case record.KindContact:
		return []string{"name", "title", "mobile", "enterprise_id"}
	case record.KindVisit:
		return []string{"date", "place", "summary", "enterprise_id"}
	case record.KindProject:
		return []string{"name", "investment_wan", "land_mu", "enterprise_id"}
	case record.KindTask:
		return []string{"due", "title", "done", "enterprise_id"}
	case record.KindReferral:
		return []string{"from_zone", "to_zone", "status", "enterprise_id"}
	case record.KindScreening:
		return []string{"pack_version", "zones", "enterprise_id"}
	}
	return nil
}

// writeRecordTable prints records of one kind as an aligned table with
// Chinese column labels.
func writeRecordTable(w io.Writer, kind record.Kind, recs []record.Record) error {
	cols := listColumns(kind)
	var t table
	head := []string{"ID"}
	for _, c := range cols {
		zh, _ := fieldLabel(kind, c)
		head = append(head, zh)
	}
	t.add(head...)
	for _, rec := range recs {
		v := reflect.ValueOf(rec).Elem()
		row := []string{rec.Header().ID}
		for _, c := range cols {
			f, ok := fieldByName(kind, c)
			if !ok {
				row = append(row, "")
				continue
			}
			row = append(row, clip(humanText(f, v.FieldByIndex(f.Index)), 40))
		}
		t.add(row...)
	}
	return t.write(w)
}

// writeRecordFields prints every field that has a value, one per line,
// "label  value", Meta last.
func writeRecordFields(w io.Writer, rec record.Record) error {
	kind := rec.Kind()
	v := reflect.ValueOf(rec).Elem()
	var t, meta table
	t.add("类型", kindZh(kind)+" ("+string(kind)+")")
	for _, f := range fieldsOf(kind) {
		text := humanText(f, v.FieldByIndex(f.Index))
		if text == "" || (f.Type.Kind() == reflect.Bool && !v.FieldByIndex(f.Index).Bool()) {
			continue
		}
		zh, _ := fieldLabel(kind, f.Name)
		if f.Meta {
			meta.add(zh, text)
			continue
		}
		t.add(zh, text)
	}
	t.rows = append(t.rows, meta.rows...)
	return t.write(w)
}
