package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/shanhaifield/shanhai/record"
)

// TestTasksScreen groups open follow-ups into overdue, today and this
// week, leaves out done and later ones, and ticking a box stores done.
func TestTasksScreen(t *testing.T) {
	now := time.Now()
	day := func(n int) string { return now.AddDate(0, 0, n).Format(time.DateOnly) }
	svc := sampleServices()
	svc.records = append(svc.records,
		&record.Task{Meta: record.Meta{ID: "T1"}, EnterpriseID: "E1", Title: "寄送资料", Due: day(-2)},
		&record.Task{Meta: record.Meta{ID: "T2"}, EnterpriseID: "E2", Title: "约见董事长", Due: day(0)},
		&record.Task{Meta: record.Meta{ID: "T3"}, EnterpriseID: "E2", Title: "报送测算", Due: day(3)},
		&record.Task{Meta: record.Meta{ID: "T4"}, EnterpriseID: "E3", Title: "下月回访", Due: day(20)},
		&record.Task{Meta: record.Meta{ID: "T5"}, EnterpriseID: "E3", Title: "已办完", Due: day(0), Done: true},
	)
	u := newTestUI(t, svc)
	test.Tap(u.nav.buttons[ScreenTasks])
	markup := test.RenderToMarkup(u.Window().Canvas())
	order := []string{"已逾期", "寄送资料 — 浙江青山新材料有限公司", "今天到期", "约见董事长", "本周内到期", "报送测算"}
	last := -1
	for _, s := range order {
		i := strings.Index(markup, s)
		if i < 0 || i < last {
			t.Errorf("%q missing or out of order", s)
		}
		last = i
	}
	for _, s := range []string{"下月回访", "已办完"} {
		if strings.Contains(markup, s) {
			t.Errorf("shows %q", s)
		}
	}
	test.Tap(u.tasks.checks["T2"])
	if task, _ := svc.Get(t.Context(), "T2"); !task.(*record.Task).Done {
		t.Error("ticking did not mark the task done")
	}
	if _, shown := u.tasks.checks["T2"]; shown {
		t.Error("a done task is still listed")
	}
}
