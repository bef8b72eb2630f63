package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestShowHistory(t *testing.T) {
	dir := t.TempDir()
	entID := mustRun(t, dir, "", "add", "enterprise", "--name", exampleEnterpriseName, "--stage", "线索")
	mustRun(t, dir, "", "add", "contact", "--enterprise", entID, "--name", "何向平", "--mobile", "13800138000")
	mustRun(t, dir, "", "edit", entID, "--stage", "在谈", "--employees", "400")

	out := mustRun(t, dir, "", "show", entID, "--history")
	for _, want := range []string{"历史（3）", "新建 create", "修改 update", "员工人数、阶段", "tester", "联系人"} {
		if !strings.Contains(out, want) {
			t.Errorf("show --history lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out[strings.Index(out, "历史"):], "13800138000") {
		t.Errorf("history shows a contact's value:\n%s", out)
	}
	var shown struct {
		History []struct {
			Op       string   `json:"op"`
			Author   string   `json:"author"`
			Fields   []string `json:"fields"`
			RecordID string   `json:"record_id"`
		} `json:"history"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, dir, "", "show", entID, "--history", "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	last := shown.History[len(shown.History)-1]
	if len(shown.History) != 3 || last.Op != "update" || last.Author != "tester" || strings.Join(last.Fields, ",") != "employees,stage" || last.RecordID != entID {
		t.Errorf("history JSON %+v", shown.History)
	}
	if out := mustRun(t, dir, "", "show", entID); strings.Contains(out, "历史") {
		t.Errorf("show without --history lists history:\n%s", out)
	}
}
