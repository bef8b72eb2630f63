package app

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// change is one line of the 历史 tab: one stored change of the
// enterprise or of one of its records.
type change struct {
	at       time.Time
	op       storage.HistoryOp
	kind     record.Kind
	title    string
	fields   []string // labels in the interface language
	node     string
	author   string
	inferred bool // made up from the record's Meta (bulk import, pull)
}

// historyChanges reads the history of e and its children from the store,
// newest first.
func historyChanges(ctx context.Context, svc Services, e *record.Enterprise, children map[record.Kind][]record.Record) ([]change, error) {
	recs := []record.Record{e}
	for _, k := range childKinds {
		recs = append(recs, children[k]...)
	}
	var out []change
	for _, r := range recs {
		entries, err := svc.History(ctx, r.Header().ID)
		if err != nil {
			return nil, fmt.Errorf("history of %s %s: %w", r.Kind(), r.Header().ID, err)
		}
		for _, h := range entries {
			c := change{at: h.At, op: h.Op, kind: r.Kind(), title: recordTitle(r), node: h.Node, author: h.Author, inferred: h.Inferred}
			for _, f := range h.Fields {
				c.fields = append(c.fields, fieldLabel(r.Kind(), f))
			}
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b change) int {
		return cmp.Or(b.at.Compare(a.at), cmp.Compare(a.title, b.title))
	})
	return out, nil
}

// historyOpLabel names a history operation in the interface language.
func historyOpLabel(op storage.HistoryOp) string {
	switch op {
	case storage.HistoryCreate:
		return lang.X("history.op.create", "新建")
	case storage.HistoryUpdate:
		return lang.X("history.op.update", "修改")
	case storage.HistoryDelete:
		return lang.X("history.op.delete", "删除")
	case storage.HistoryMerge:
		return lang.X("history.op.merge", "同步合并")
	case storage.HistoryRestore:
		return lang.X("history.op.restore", "同步恢复")
	}
	return string(op)
}

// historyView shows when the enterprise was created and last changed and
// by whom, then every change of it and its records, newest first: when,
// what, which record, which fields (names only: the store keeps no
// values in its history) and who.
func (d *enterpriseDetail) historyView() []fyne.CanvasObject {
	const stamp = "2006-01-02 15:04"
	e := d.ent
	unknown := lang.X("history.unknown_author", "未知")
	who := cmp.Or(e.Author, unknown)
	head := widget.NewLabel(lang.X("history.summary", "创建于 {{.Created}}，最后修改于 {{.Updated}}，修改人：{{.Author}}",
		map[string]any{"Created": e.CreatedAt.Local().Format(stamp), "Updated": e.UpdatedAt.Local().Format(stamp), "Author": who}))
	head.Wrapping = fyne.TextWrapWord
	out := []fyne.CanvasObject{head}
	ctx, cancel := context.WithTimeout(d.ctx, queryTimeout)
	defer cancel()
	changes, err := historyChanges(ctx, d.svc, e, d.children)
	if err != nil {
		slog.Error("load history", "enterprise", e.ID, "err", err)
		return append(out, widget.NewLabel(lang.X("history.error", "读取修改历史失败：{{.Error}}", map[string]any{"Error": err.Error()})))
	}
	note := widget.NewLabel(lang.X("history.note_entries", "每次修改一行：时间、操作、记录、字段、修改人。历史只记字段名，不记内容；批量导入和同步下载的新记录按其创建信息列出。"))
	note.Importance = widget.LowImportance
	note.Wrapping = fyne.TextWrapWord
	out = append(out, note)
	for _, c := range changes {
		op := historyOpLabel(c.op)
		if c.inferred {
			op = lang.X("history.inferred", "{{.Op}}（推断）", map[string]any{"Op": op})
		}
		// Two lines: who did what to which record, then the fields, which
		// may be many and wrap.
		head := widget.NewLabelWithStyle(lang.X("history.entry", "{{.Time}}　{{.Op}}　{{.Kind}}「{{.Title}}」　{{.Author}}",
			map[string]any{"Time": c.at.Local().Format(stamp), "Op": op, "Kind": kindLabel(c.kind), "Title": c.title,
				"Author": cmp.Or(c.author, unknown)}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Wrapping = fyne.TextWrapWord
		out = append(out, head)
		if len(c.fields) > 0 {
			fields := widget.NewLabel(lang.X("history.fields", "字段：{{.Fields}}",
				map[string]any{"Fields": strings.Join(c.fields, lang.X("history.field_sep", "、"))}))
			fields.Wrapping = fyne.TextWrapWord
			out = append(out, fields)
		}
	}
	return out
}
