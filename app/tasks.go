package app

import (
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// tasksScreen is 待办: open follow-ups that are overdue, due today or due
// within the week, each with a box to mark it done.
type tasksScreen struct {
	ctx     context.Context
	svc     Services
	now     func() time.Time
	body    *fyne.Container
	checks  map[string]*widget.Check // task ID → its box, for tests
	content fyne.CanvasObject
	// onChange runs after a task was marked done.
	onChange func()
}

func newTasksScreen(ctx context.Context, svc Services) *tasksScreen {
	s := &tasksScreen{ctx: ctx, svc: svc, now: time.Now, body: container.NewVBox()}
	title := widget.NewLabelWithStyle(lang.X("tasks.title", "待办跟进"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.content = container.NewBorder(title, nil, nil, nil, container.NewVScroll(s.body))
	return s
}

// reload lists the open tasks due within seven days, grouped.
func (s *tasksScreen) reload() {
	ctx, cancel := context.WithTimeout(s.ctx, queryTimeout)
	defer cancel()
	today := s.now().Format(time.DateOnly)
	weekEnd := s.now().AddDate(0, 0, 6).Format(time.DateOnly)
	recs, err := s.svc.List(ctx, record.KindTask, storage.ListOptions{DueBefore: weekEnd})
	s.checks = map[string]*widget.Check{}
	if err != nil {
		slog.Error("list tasks", "err", err)
		s.body.Objects = []fyne.CanvasObject{widget.NewLabel(lang.X("tasks.error", "读取待办失败：{{.Error}}", map[string]any{"Error": err.Error()}))}
		s.body.Refresh()
		return
	}
	slices.SortStableFunc(recs, func(a, b record.Record) int { return strings.Compare(taskDue(a), taskDue(b)) })
	groups := map[string][]fyne.CanvasObject{}
	names := map[string]string{}
	for _, r := range recs {
		t, ok := r.(*record.Task)
		if !ok || t.Done {
			continue
		}
		g := "week"
		switch {
		case t.Due < today:
			g = "overdue"
		case t.Due == today:
			g = "today"
		}
		groups[g] = append(groups[g], s.row(ctx, t, names))
	}
	var objs []fyne.CanvasObject
	for _, g := range []struct{ key, title string }{
		{"overdue", lang.X("tasks.overdue", "已逾期")},
		{"today", lang.X("tasks.today", "今天到期")},
		{"week", lang.X("tasks.week", "本周内到期")},
	} {
		if len(groups[g.key]) == 0 {
			continue
		}
		head := widget.NewLabelWithStyle(g.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		if g.key == "overdue" {
			head.Importance = widget.DangerImportance
		}
		objs = append(objs, head)
		objs = append(objs, groups[g.key]...)
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel(lang.X("tasks.none", "本周没有待办跟进。")))
	}
	s.body.Objects = objs
	s.body.Refresh()
}

// row is one task: a box to tick, the title, the enterprise and the date.
func (s *tasksScreen) row(ctx context.Context, t *record.Task, names map[string]string) fyne.CanvasObject {
	name, ok := names[t.EnterpriseID]
	if !ok {
		if rec, err := s.svc.Get(ctx, t.EnterpriseID); err == nil {
			if e, ok := rec.(*record.Enterprise); ok {
				name = e.Name
			}
		}
		names[t.EnterpriseID] = name
	}
	text := lang.X("tasks.row", "{{.Title}} — {{.Enterprise}}（{{.Due}}）", map[string]any{"Title": t.Title, "Enterprise": name, "Due": t.Due})
	id := t.ID
	c := widget.NewCheck(text, func(done bool) {
		if done {
			s.markDone(id)
		}
	})
	s.checks[id] = c
	return c
}

func (s *tasksScreen) markDone(id string) {
	ctx, cancel := context.WithTimeout(s.ctx, queryTimeout)
	defer cancel()
	if _, err := s.svc.Patch(ctx, record.KindTask, id, map[string]json.RawMessage{"done": json.RawMessage("true")}); err != nil {
		slog.Error("mark task done", "id", id, "err", err)
	}
	if s.onChange != nil {
		s.onChange()
	} else {
		s.reload()
	}
}

// taskDue is a task's due date, "" for any other record.
func taskDue(r record.Record) string {
	if t, ok := r.(*record.Task); ok {
		return t.Due
	}
	return ""
}
