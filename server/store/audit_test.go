package store

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestMask(t *testing.T) {
	tests := []struct {
		kind, field, value, want string
	}{
		{"contact", "name", `"张三"`, `"张*"`},
		{"contact", "name", `"欧阳建国"`, `"欧***"`},
		{"contact", "name", `"李"`, `"*"`},
		{"contact", "mobile", `"+8613812345678"`, `"+86 138****5678"`},
		{"contact", "mobile", `"13812345678"`, `"138****5678"`},
		{"contact", "phone", `"0578-8123456"`, `"057****3456"`},
		{"contact", "phone", `"12345"`, `"*****"`},
		{"contact", "wechat", `"zhangsan_88"`, `"z***"`},
		{"contact", "email", `"zhang.san@example.com"`, `"z***@example.com"`},
		{"contact", "email", `""`, `""`},
		{"contact", "title", `"总经理"`, `"总经理"`},
		{"contact", "name", `42`, `"` + textRecorded + `"`},
		{"visit", "summary", `"与张三面谈用地"`, `"` + textRecorded + `"`},
		{"visit", "participants", `["张三","李四"]`, `"` + textRecorded + `"`},
		{"visit", "date", `"2026-11-20"`, `"2026-11-20"`},
		{"enterprise", "name", `"甲企业"`, `"甲企业"`},
		{"contact", "name", `null`, `null`},
	}
	for _, tt := range tests {
		if got := string(Mask(tt.kind, tt.field, json.RawMessage(tt.value))); got != tt.want {
			t.Errorf("Mask(%s.%s, %s) = %s, want %s", tt.kind, tt.field, tt.value, got, tt.want)
		}
	}
}

// TestEncodeAuditMatchesEncodingJSON: the hand-written encoder decodes
// to the same entry as encoding/json's form of it.
func TestEncodeAuditMatchesEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	words := []string{"", "甲企业", `引号"`, "back\\slash", "tab\there", "<b>&", "\u2028", "bad\xffutf8", "plain"}
	w := func() string { return words[rng.IntN(len(words))] }
	for i := range 1000 {
		e := AuditEntry{At: time.Unix(rng.Int64N(4e9), rng.Int64N(1e9)).UTC(), User: w(), Zone: w(), Role: Role(w()), Remote: w(), Client: w(),
			Action: w(), Op: w(), Kind: w(), Record: w(), Status: w(), Code: w(), Detail: w(),
			From: rng.Uint64N(3), To: rng.Uint64N(1 << 40), Count: rng.IntN(3)}
		if rng.IntN(2) == 0 {
			e.Zones = []string{w(), w()}
		}
		for range rng.IntN(3) {
			v, _ := json.Marshal(w())
			fc := FieldChange{Field: w(), New: v}
			if rng.IntN(2) == 0 {
				fc.Old = json.RawMessage(`{"a":[1,2]}`)
			}
			e.Changes = append(e.Changes, fc)
		}
		fast, err := EncodeAudit(e)
		if err != nil {
			t.Fatal(err)
		}
		back, err := DecodeAudit(AuditLink{Seq: 9, Data: fast})
		if err != nil {
			t.Fatalf("case %d: %v\n%s", i, err, fast)
		}
		std, _ := json.Marshal(e)
		var want AuditEntry
		json.Unmarshal(std, &want)
		want.Seq = 9
		if !reflect.DeepEqual(back, want) {
			t.Fatalf("case %d:\nfast %s\nstd  %s", i, fast, std)
		}
	}
}

func TestAuditCSVExport(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewAuditWriter(&buf, "csv")
	if err != nil {
		t.Fatal(err)
	}
	e := AuditEntry{Seq: 7, At: time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC), User: "alice", Action: ActionPush, Op: "put",
		Kind: "contact", Record: "c1", Hash: []byte{0xab},
		Changes: []FieldChange{{Field: "name", Old: json.RawMessage(`"张*"`), New: json.RawMessage(`"李*"`)},
			{Field: "mobile", New: json.RawMessage(`"+86 139****0000"`)}, {Field: "note", New: json.RawMessage(`"=HYPERLINK(1)"`)}}}
	if err := w.Write(e); err != nil {
		t.Fatal(err)
	}
	w.Close()
	out := buf.String()
	if !strings.HasPrefix(out, "\ufeffseq,at,user") {
		t.Fatalf("no BOM and header: %q", out[:20])
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.Contains(lines[1], ",name,张*,李*,") || !strings.Contains(lines[3], ",'=HYPERLINK(1),") {
		t.Fatalf("rows:\n%s", out)
	}
	if _, err := NewAuditWriter(&buf, "xml"); err == nil {
		t.Fatal("format xml accepted")
	}
}

func FuzzDecodeAudit(f *testing.F) {
	f.Add([]byte(`{"at":"2026-11-26T08:00:00Z","user":"a","action":"push","changes":[{"field":"x","new":1}]}`))
	f.Add([]byte(`{"at":5}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := DecodeAudit(AuditLink{Seq: 1, Data: data})
		if err != nil {
			return
		}
		if _, err := EncodeAudit(e); err != nil {
			t.Fatalf("re-encode: %v", err)
		}
	})
}

// FuzzMask: any value of a personal field masks to a JSON string that
// keeps at most the first character of a name or ID, at most 9 digits of
// a number (86, first 3, last 4), and nothing of free text.
func FuzzMask(f *testing.F) {
	for _, s := range []string{`"张三"`, `"+8613812345678"`, `"zhang@example.com"`, `[1,2]`, `"\u0000"`, `"a"`, `"0*"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		if !json.Valid([]byte(value)) || value == "null" {
			return
		}
		for _, field := range []string{"name", "mobile", "phone", "wechat", "email", "notes"} {
			out := Mask("contact", field, json.RawMessage(value))
			var s string
			if json.Unmarshal(out, &s) != nil {
				t.Fatalf("Mask(%s, %s) = %s: not a JSON string", field, value, out)
			}
			if s == textRecorded {
				continue
			}
			_, first := utf8.DecodeRuneInString(s)
			switch field {
			case "name":
				if strings.Trim(s[first:], "*") != "" {
					t.Fatalf("Mask(name, %s) = %q keeps more than the first character", value, s)
				}
			case "wechat":
				if s != "" && s[first:] != "***" {
					t.Fatalf("Mask(wechat, %s) = %q", value, s)
				}
			case "mobile", "phone":
				digits := 0
				for _, r := range s {
					if r >= '0' && r <= '9' {
						digits++
					}
				}
				if digits > 9 {
					t.Fatalf("Mask(%s, %s) = %q keeps %d digits", field, value, s, digits)
				}
			case "notes":
				t.Fatalf("Mask(notes, %s) = %q, want %q", value, s, textRecorded)
			}
		}
	})
}
