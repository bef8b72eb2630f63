package app

import (
	"context"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
	"github.com/shanhaifield/shanhai/sync/protocol"
)

// conflictRow is one conflict of the review queue and its two buttons.
type conflictRow struct {
	id                string
	mine, theirs      string
	keepMine, keepAll *widget.Button
	content           fyne.CanvasObject
}

// showConflicts rebuilds the review queue from the syncer.
func (s *syncScreen) showConflicts(ctx context.Context) {
	cs, err := s.syncer.Conflicts(ctx)
	s.rows = nil
	if err != nil {
		slog.Error("list conflicts", "err", err)
		s.conflicts.Objects = []fyne.CanvasObject{wrapLabel(lang.X("sync.conflicts_error", "读取冲突失败：{{.Error}}", map[string]any{"Error": err.Error()}))}
		s.conflicts.Refresh()
		return
	}
	// A restore offer settles a whole record: one row per record, listing
	// every field edited after the delete.
	offers := map[string][]storage.Conflict{}
	for _, c := range cs {
		if c.Reason == protocol.ReasonAfterDelete {
			offers[c.RecordID] = append(offers[c.RecordID], c)
		}
	}
	var objs []fyne.CanvasObject
	for _, c := range cs {
		group := offers[c.RecordID]
		if c.Reason == protocol.ReasonAfterDelete && group[0].ID != c.ID {
			continue // shown in the record's row
		}
		row := s.conflictRow(ctx, c, group)
		s.rows = append(s.rows, row)
		objs = append(objs, row.content)
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel(lang.X("sync.no_conflicts", "没有待处理的冲突。")))
	}
	s.conflicts.Objects = objs
	s.conflicts.Refresh()
}

// conflictRow shows which record and field conflict, both values, and
// the buttons that settle it.
// group holds every restore offer of c's record when c is one.
func (s *syncScreen) conflictRow(ctx context.Context, c storage.Conflict, group []storage.Conflict) *conflictRow {
	kind := record.Kind(c.Kind)
	title := c.RecordID
	if rec, err := s.svc.Get(ctx, c.RecordID); err == nil {
		title = recordTitle(rec)
	}
	empty := lang.X("sync.empty_value", "（空）")
	r := &conflictRow{id: c.ID, mine: readable(kind, c.Field, c.Value, s.ref), theirs: readable(kind, c.Field, c.Current, s.ref)}
	if r.mine == "" {
		r.mine = empty
	}
	if r.theirs == "" {
		r.theirs = empty
	}
	head := widget.NewLabelWithStyle(lang.X("sync.conflict_head", "{{.Kind}}「{{.Title}}」· {{.Field}}",
		map[string]any{"Kind": kindLabel(kind), "Title": title, "Field": fieldLabel(kind, c.Field)}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if c.Reason == protocol.ReasonAfterDelete {
		return s.restoreRow(r, c, group, head)
	}
	mine := wrapLabel(lang.X("sync.mine", "我的：{{.Value}}", map[string]any{"Value": r.mine}))
	theirs := wrapLabel(lang.X("sync.theirs", "对方的：{{.Value}}", map[string]any{"Value": r.theirs}))
	r.keepMine = widget.NewButton(lang.X("sync.keep_mine", "保留我的"), func() { s.resolve(c.ID, storage.KeepMine) })
	r.keepAll = widget.NewButton(lang.X("sync.keep_theirs", "保留对方的"), func() { s.resolve(c.ID, storage.KeepTheirs) })
	r.content = container.NewVBox(head, mine, theirs, container.NewHBox(r.keepMine, r.keepAll))
	return r
}

// restoreRow is a restore offer: a record was deleted while someone's
// edit of it was on its way. Restoring brings the whole record back with
// the edit; keeping it deleted drops the edit.
func (s *syncScreen) restoreRow(r *conflictRow, c storage.Conflict, group []storage.Conflict, head fyne.CanvasObject) *conflictRow {
	kind := record.Kind(c.Kind)
	if c.Title != "" {
		head = widget.NewLabelWithStyle(lang.X("sync.conflict_head", "{{.Kind}}「{{.Title}}」· {{.Field}}",
			map[string]any{"Kind": kindLabel(kind), "Title": c.Title, "Field": fieldLabel(kind, c.Field)}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	edits := r.mine
	if len(group) > 1 {
		edits = ""
		for i, g := range group {
			if i > 0 {
				edits += "；"
			}
			edits += fieldLabel(kind, g.Field) + " " + readable(kind, g.Field, g.Value, s.ref)
		}
	}
	edit := wrapLabel(lang.X("sync.deleted_edit", "删除后仍有修改：{{.Value}}", map[string]any{"Value": edits}))
	note := wrapLabel(lang.X("sync.deleted_note", "这条记录已被删除。恢复后整条记录连同这项修改重新出现在每台电脑上。"))
	r.keepMine = widget.NewButton(lang.X("sync.restore", "恢复"), func() { s.resolve(c.ID, storage.KeepMine) })
	r.keepAll = widget.NewButton(lang.X("sync.keep_deleted", "保持删除"), func() { s.resolve(c.ID, storage.KeepTheirs) })
	r.content = container.NewVBox(head, edit, note, container.NewHBox(r.keepMine, r.keepAll))
	return r
}

// resolve settles one conflict and reloads the queue.
func (s *syncScreen) resolve(id, keep string) {
	s.background(func(ctx context.Context) error { return s.syncer.Resolve(ctx, id, keep) }, func(err error) {
		if err != nil {
			slog.Error("resolve conflict", "id", id, "keep", keep, "err", err)
			showText(s.lastErr, lang.X("sync.resolve_failed", "处理冲突失败：{{.Error}}", map[string]any{"Error": err.Error()}))
			return
		}
		s.reload()
		if s.onSynced != nil && s.online {
			s.onSynced(nil)
		}
	})
}

// showRejected lists the changes the server refused, with its reasons.
func (s *syncScreen) showRejected(ctx context.Context) {
	rs, err := s.syncer.Rejected(ctx)
	var objs []fyne.CanvasObject
	if err != nil {
		slog.Error("list rejected changes", "err", err)
		objs = append(objs, wrapLabel(lang.X("sync.rejected_error", "读取被退回的修改失败：{{.Error}}", map[string]any{"Error": err.Error()})))
	}
	for _, r := range rs {
		title := r.Change.RecordID
		if rec, err := s.svc.Get(ctx, r.Change.RecordID); err == nil {
			title = recordTitle(rec)
		}
		objs = append(objs, wrapLabel(lang.X("sync.rejected_row", "{{.Kind}}「{{.Title}}」：{{.Reason}}",
			map[string]any{"Kind": kindLabel(r.Change.Kind), "Title": title, "Reason": r.Zh})))
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel(lang.X("sync.no_rejected", "没有被退回的修改。")))
	}
	s.rejected.Objects = objs
	s.rejected.Refresh()
}
