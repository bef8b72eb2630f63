package app

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/record"
)

// change is one field's last change, as the record's versions tell it.
type change struct {
	at     time.Time
	kind   record.Kind
	title  string
	fields []string // every field the record changed at that moment
	node   string
	author string
}

// historyChanges lists the last change of every field of e and its
// children, newest first. The local store keeps only the latest version of
// each field and the author of the record's latest write, so this is "who
// changed what last", not a full audit trail.
func historyChanges(e *record.Enterprise, children map[record.Kind][]record.Record) []change {
	var out []change
	// Fields written by one save share a stamp's wall time: they make
	// one line, so creating a record is not a dozen lines.
	add := func(r record.Record) {
		m := r.Header()
		byTime := map[int64]*change{}
		for _, field := range slices.Sorted(maps.Keys(m.Versions)) {
			st, err := hlc.Parse(m.Versions[field])
			if err != nil {
				continue
			}
			c, ok := byTime[st.Wall]
			if !ok {
				c = &change{at: time.UnixMilli(st.Wall), kind: r.Kind(), title: recordTitle(r), node: st.Node, author: m.Author}
				byTime[st.Wall] = c
			}
			c.fields = append(c.fields, fieldLabel(r.Kind(), field))
		}
		for _, c := range byTime {
			out = append(out, *c)
		}
	}
	add(e)
	for _, k := range childKinds {
		for _, r := range children[k] {
			add(r)
		}
	}
	slices.SortStableFunc(out, func(a, b change) int {
		if c := b.at.Compare(a.at); c != 0 {
			return c
		}
		return cmp.Compare(a.title, b.title)
	})
	return out
}

// historyView shows when the enterprise was created and last changed and
// by whom, then every field's last change.
func historyView(e *record.Enterprise, children map[record.Kind][]record.Record) []fyne.CanvasObject {
	const stamp = "2006-01-02 15:04"
	who := e.Author
	if who == "" {
		who = lang.X("history.unknown_author", "未知")
	}
	head := widget.NewLabel(lang.X("history.summary", "创建于 {{.Created}}，最后修改于 {{.Updated}}，修改人：{{.Author}}",
		map[string]any{"Created": e.CreatedAt.Local().Format(stamp), "Updated": e.UpdatedAt.Local().Format(stamp), "Author": who}))
	head.Wrapping = fyne.TextWrapWord
	note := widget.NewLabel(lang.X("history.note", "下表列出每个字段最近一次修改；本机只保存字段的最新版本。"))
	note.Importance = widget.LowImportance
	note.Wrapping = fyne.TextWrapWord
	out := []fyne.CanvasObject{head, note}
	for _, c := range historyChanges(e, children) {
		l := widget.NewLabel(lang.X("history.row", "{{.Time}}　{{.Kind}}「{{.Title}}」的{{.Field}}　{{.Author}}",
			map[string]any{"Time": c.at.Local().Format(stamp), "Kind": kindLabel(c.kind), "Title": c.title,
				"Field": strings.Join(c.fields, "、"), "Author": c.author}))
		l.Wrapping = fyne.TextWrapWord
		out = append(out, l)
	}
	return out
}
