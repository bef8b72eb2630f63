package record

// Task is a follow-up (待办).
type Task struct {
	Meta
	EnterpriseID string `json:"enterprise_id"`
	Title        string `json:"title"`
	Due          string `json:"due"` // YYYY-MM-DD
	Assignee     string `json:"assignee,omitempty"`
	Done         bool   `json:"done,omitempty"`
}

// Kind implements Record.
func (*Task) Kind() Kind { return KindTask }

// Parent implements Child.
func (t *Task) Parent() string { return t.EnterpriseID }
