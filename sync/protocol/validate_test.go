package protocol

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestDecodePush(t *testing.T) {
	tests := []struct {
		name, body, wantErr string
	}{
		{"ok", `{"client_id":"c1","changes":[{"mutation_id":"m1","kind":"enterprise","record_id":"r","op":"put"}]}`, ""},
		{"empty batch", `{"client_id":"c1","changes":[]}`, ""},
		{"no client", `{"changes":[]}`, "client_id is required"},
		{"no mutation id", `{"client_id":"c","changes":[{"kind":"x"}]}`, "change 0: mutation_id is required"},
		{"repeated id", `{"client_id":"c","changes":[{"mutation_id":"m"},{"mutation_id":"m"}]}`, "repeated"},
		{"long id", `{"client_id":"` + strings.Repeat("x", 201) + `"}`, "longer than"},
		{"not json", `{"client_id":`, "decode push body"},
		{"wrong type", `{"client_id":5}`, "decode push body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodePush(strings.NewReader(tt.body))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("DecodePush: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("DecodePush error = %v, want containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestChangeCheck(t *testing.T) {
	raw := func(s string) json.RawMessage { return json.RawMessage(s) }
	tests := []struct {
		name     string
		change   Change
		wantCode string
	}{
		{"put ok", Change{RecordID: "r", Kind: "enterprise", Op: OpPut,
			Fields: map[string]json.RawMessage{"name": raw(`"a"`)}, Versions: map[string]string{"name": "s"}}, ""},
		{"put without version", Change{RecordID: "r", Kind: "enterprise", Op: OpPut,
			Fields: map[string]json.RawMessage{"name": raw(`"a"`)}}, "no_version"},
		{"put without fields", Change{RecordID: "r", Kind: "enterprise", Op: OpPut}, "no_fields"},
		{"delete ok", Change{RecordID: "r", Kind: "enterprise", Op: OpDelete, Versions: map[string]string{DeletedKey: "s"}}, ""},
		{"delete without stamp", Change{RecordID: "r", Kind: "enterprise", Op: OpDelete}, "no_version"},
		{"restore without stamp", Change{RecordID: "r", Kind: "enterprise", Op: OpRestore}, "no_version"},
		{"bad op", Change{RecordID: "r", Kind: "enterprise", Op: "upsert"}, "bad_op"},
		{"erase ok", Change{RecordID: "r", Kind: "contact", Op: OpErase, Versions: map[string]string{ErasedKey: "s"}}, ""},
		{"erase without stamp", Change{RecordID: "r", Kind: "contact", Op: OpErase, Versions: map[string]string{DeletedKey: "s"}}, "no_version"},
		{"no record", Change{Kind: "enterprise", Op: OpDelete}, "bad_record_id"},
		{"no kind", Change{RecordID: "r", Op: OpDelete}, "bad_kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.change.Check()
			switch {
			case tt.wantCode == "" && got != nil:
				t.Fatalf("Check = %v, want nil", got)
			case tt.wantCode != "" && (got == nil || got.Code != tt.wantCode):
				t.Fatalf("Check = %v, want code %s", got, tt.wantCode)
			}
		})
	}
}

func FuzzDecodePush(f *testing.F) {
	f.Add(`{"client_id":"c1","changes":[{"mutation_id":"m1","kind":"enterprise","record_id":"r","op":"put","fields":{"a":1},"versions":{"a":"x"}}]}`)
	f.Add(`{"client_id":"c","changes":[{"mutation_id":"m"},{"mutation_id":"m"}]}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, body string) {
		req, err := DecodePush(strings.NewReader(body))
		if err != nil {
			return
		}
		if req.ClientID == "" || len(req.Changes) > MaxBatch {
			t.Fatalf("accepted invalid request %+v", req)
		}
		for _, c := range req.Changes {
			_ = c.Check() // must not panic on any decoded change
		}
	})
}
