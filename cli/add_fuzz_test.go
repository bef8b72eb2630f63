package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

// FuzzAdd runs "add KIND --FLAG VALUE" with stdin against one real store:
// whatever the input, Run must not panic (its recover would print 内部错误)
// and must exit 0, 1 or 2.
func FuzzAdd(f *testing.F) {
	seeds := []struct {
		kind      uint8
		flag, val string
		stdin     string
	}{
		{0, "name", exampleEnterpriseName, ""},
		{0, "employees", "１，２００", ""},
		{0, "credit-code", exampleBadCheckCode, ""},
		{0, "stage", "在谈", `{"name":"x"}`},
		{1, "mobile", "138 0013 8000", `{"name":"x","enterprise_id":"01M8AQSAGP3QJHDMF5GCB29RPG"}`},
		{2, "participants", "a、b，c", ""},
		{5, "inputs", `{"a":1}`, ""},
		{0, "tags", `["a",1]`, ""},
		{0, "", "-", `{"kind":"enterprise","name":"y","versions":{"a":"b"}}`},
	}
	for _, s := range seeds {
		f.Add(s.kind, s.flag, s.val, s.stdin)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, kindIdx uint8, flagName, value, stdin string) {
		kind := record.Kinds[int(kindIdx)%len(record.Kinds)]
		args := []string{"--data", dir, "add", string(kind)}
		if flagName != "" {
			args = append(args, "--"+flagName, value)
		} else {
			args = append(args, value)
		}
		var out, errOut bytes.Buffer
		code := testRunner(nil).Run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
		if strings.Contains(errOut.String(), "内部错误") || code < 0 || code > 2 {
			t.Fatalf("add %q: exit %d\n%s", args[2:], code, errOut.String())
		}
	})
}
