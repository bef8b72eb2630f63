package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/spreadsheet"
	"github.com/shanhaifield/shanhai/storage"
)

// entity is one enterprise as the import sees it: as stored (nil when the
// file creates it) and as it will be after the rows so far.
type entity struct {
	stored   *record.Enterprise
	cur      *record.Enterprise // nil until a row touches a stored one
	children []*child           // loaded when a row first touches it
	loaded   bool
}

// child is a contact or project of an entity, stored or new.
type child struct {
	stored record.Record // nil when new
	cur    record.Record
}

func (e *entity) current() *record.Enterprise {
	if e.cur != nil {
		return e.cur
	}
	return e.stored
}

// planner matches rows against the store and against earlier rows.
type planner struct {
	byCode   map[string]*entity
	byName   map[string][]*entity
	stored   map[string][]record.Record // children of stored enterprises, by enterprise ID
	fresh    []*entity                  // new enterprises, in file order
	touched  []*entity                  // stored enterprises a row touched, in order
	isTouchd map[*entity]bool
}

func newPlanner(ctx context.Context, st *storage.Store) (*planner, error) {
	p := &planner{byCode: map[string]*entity{}, byName: map[string][]*entity{},
		stored: map[string][]record.Record{}, isTouchd: map[*entity]bool{}}
	ents, err := st.List(ctx, record.KindEnterprise, storage.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("import: list enterprises: %w", err)
	}
	for _, r := range ents {
		e := &entity{stored: r.(*record.Enterprise)}
		p.index(e, e.stored)
	}
	for _, k := range []record.Kind{record.KindContact, record.KindProject} {
		recs, err := st.List(ctx, k, storage.ListOptions{})
		if err != nil {
			return nil, fmt.Errorf("import: list %s: %w", k, err)
		}
		for _, r := range recs {
			parent := r.(record.Child).Parent()
			p.stored[parent] = append(p.stored[parent], r)
		}
	}
	return p, nil
}

// index makes e findable by ent's credit code (the first enterprise to
// hold a code keeps it) and by its normalised name, which several
// enterprises may share: 杭州金途医药 and 宁波金途医药 both become 金途医药.
func (p *planner) index(e *entity, ent *record.Enterprise) {
	if ent.CreditCode != "" && p.byCode[ent.CreditCode] == nil {
		p.byCode[ent.CreditCode] = e
	}
	if n := record.NormalName(ent.Name); n != "" && !slices.Contains(p.byName[n], e) {
		p.byName[n] = append(p.byName[n], e)
	}
}

// rowValues are a row's cells read into field values, by kind, with the
// header each field came from.
type rowValues struct {
	fields map[record.Kind]map[string]json.RawMessage
	header map[Target]string
}

// read reads the mapped cells of a row; bad cells come back as reasons.
func read(sp *SheetPlan, num int, cells []string) (rowValues, []RowError) {
	v := rowValues{fields: map[record.Kind]map[string]json.RawMessage{}, header: map[Target]string{}}
	var bad []RowError
	for _, c := range sp.Columns {
		if !c.Mapped() || c.Index >= len(cells) {
			continue
		}
		text := spreadsheet.Clean(cells[c.Index])
		if text == "" {
			continue
		}
		raw, ce := cellJSON(targetTypes()[c.Target], text)
		if ce != nil {
			bad = append(bad, RowError{Sheet: sp.Sheet, Row: num, Column: c.Header, Zh: ce.zh, En: ce.en})
			continue
		}
		if v.fields[c.Target.Kind] == nil {
			v.fields[c.Target.Kind] = map[string]json.RawMessage{}
		}
		v.fields[c.Target.Kind][c.Target.Field] = raw
		v.header[c.Target] = c.Header
	}
	movePhoneToMobile(v)
	return v, bad
}

// movePhoneToMobile files a mobile number written under 电话/联系电话 as
// the contact's mobile when the row has no mobile column value: lists
// often put the only number there.
func movePhoneToMobile(v rowValues) {
	c := v.fields[record.KindContact]
	if c == nil || c["phone"] == nil || c["mobile"] != nil {
		return
	}
	var s string
	if json.Unmarshal(c["phone"], &s) != nil {
		return
	}
	if _, err := record.NormalizeMobile(s); err == nil {
		c["mobile"] = c["phone"]
		delete(c, "phone")
		v.header[Target{record.KindContact, "mobile"}] = v.header[Target{record.KindContact, "phone"}]
	}
}

// text returns a string field of the row, cleaned.
func (v rowValues) text(k record.Kind, field string) string {
	var s string
	if raw := v.fields[k][field]; raw != nil {
		_ = json.Unmarshal(raw, &s) // a non-string reads as empty
	}
	return record.CleanText(s)
}

// reasons turns a record's problems into row errors naming the column.
func (v rowValues) reasons(sp *SheetPlan, num int, kind record.Kind, probs record.Problems) []RowError {
	var out []RowError
	for _, pr := range probs {
		col := v.header[Target{kind, pr.Field}]
		for _, c := range sp.Columns {
			if col == "" && c.Target == (Target{kind, pr.Field}) {
				col = c.Header // the cell was left empty
			}
		}
		if col == "" {
			col, _ = record.FieldLabel(kind, pr.Field)
		}
		out = append(out, RowError{Sheet: sp.Sheet, Row: num, Column: col, Zh: pr.Zh, En: pr.En})
	}
	return out
}

// row plans one data row. empty is set for a row with nothing to import.
func (p *planner) row(sp *SheetPlan, num int, cells []string) (out Outcome, reasons []RowError, empty bool) {
	v, bad := read(sp, num, cells)
	if len(bad) > 0 {
		return RowInvalid, bad, false
	}
	if len(v.fields) == 0 {
		return 0, nil, true
	}
	e, why := p.match(v)
	if why != nil {
		why.Sheet, why.Row = sp.Sheet, num
		return RowDuplicate, []RowError{*why}, false
	}
	if e == nil && v.text(record.KindEnterprise, "name") == "" {
		col, _ := record.FieldLabel(record.KindEnterprise, "name")
		return RowInvalid, []RowError{{Sheet: sp.Sheet, Row: num, Column: col,
			Zh: "企业名称为空，且统一社会信用代码不对应已有企业", En: "no enterprise name, and the credit code matches no known enterprise"}}, false
	}
	return p.apply(sp, num, e, v)
}

// match finds the enterprise a row belongs to: by credit code, then by
// normalised name among enterprises without a code (a different code is a
// different company, however alike the names). A row whose code belongs
// to one enterprise while its name matches another, or whose name matches
// several, is a duplicate suspect: the import cannot tell which is meant.
func (p *planner) match(v rowValues) (*entity, *RowError) {
	code := record.NormalizeCreditCode(v.text(record.KindEnterprise, "credit_code"))
	name := v.text(record.KindEnterprise, "name")
	var byCode *entity
	if code != "" {
		byCode = p.byCode[code]
	}
	n := record.NormalName(name)
	var named []*entity // same normalised name, and not another company by code
	for _, e := range p.byName[n] {
		if c := e.current().CreditCode; code == "" || c == "" || c == code {
			named = append(named, e)
		}
	}
	codeCol := v.header[Target{record.KindEnterprise, "credit_code"}]
	nameCol := v.header[Target{record.KindEnterprise, "name"}]
	if byCode != nil && n != "" && record.NormalName(byCode.current().Name) != n {
		for _, e := range p.byName[n] {
			if e != byCode {
				return nil, &RowError{Column: codeCol,
					Zh: fmt.Sprintf("统一社会信用代码属于「%s」，名称却与「%s」相同，疑似重复，请先核实", byCode.current().Name, e.current().Name),
					En: fmt.Sprintf("credit code belongs to %q but the name matches %q: possible duplicate, check first", byCode.current().Name, e.current().Name)}
			}
		}
	}
	switch {
	case byCode != nil:
		return byCode, nil
	case len(named) > 1:
		return nil, &RowError{Column: nameCol,
			Zh: fmt.Sprintf("名称与 %d 家已有企业相同（如「%s」「%s」），无法确定是哪一家，请填写统一社会信用代码", len(named), named[0].current().Name, named[1].current().Name),
			En: fmt.Sprintf("name matches %d enterprises (e.g. %q, %q): add the credit code to tell which", len(named), named[0].current().Name, named[1].current().Name)}
	case len(named) == 1:
		return named[0], nil
	}
	return nil, nil
}

// apply checks the row's records and, when all are valid, folds them into
// the plan.
func (p *planner) apply(sp *SheetPlan, num int, e *entity, v rowValues) (Outcome, []RowError, bool) {
	isNew := e == nil
	var base record.Record = &record.Enterprise{}
	if !isNew {
		base = e.current()
	}
	cand, err := overlay(base, v.fields[record.KindEnterprise])
	if err != nil {
		return RowInvalid, []RowError{{Sheet: sp.Sheet, Row: num, Zh: "无法读取此行", En: "cannot read the row: " + err.Error()}}, false
	}
	if isNew {
		cand.Header().ID = newID()
	}
	record.Normalize(cand)
	reasons := v.reasons(sp, num, record.KindEnterprise, cand.Validate().Errors())
	if !isNew {
		p.loadChildren(e)
	}
	var kids []*child
	var kidMatch []*child
	for _, k := range []record.Kind{record.KindContact, record.KindProject} {
		if len(v.fields[k]) == 0 {
			continue
		}
		c, match, errs := p.childOf(sp, num, e, cand.Header().ID, cand.(*record.Enterprise), k, v)
		reasons = append(reasons, errs...)
		kids, kidMatch = append(kids, c), append(kidMatch, match)
	}
	if len(reasons) > 0 {
		return RowInvalid, reasons, false
	}
	ent := cand.(*record.Enterprise)
	changed := isNew || !sameFields(e.current(), ent)
	if isNew {
		e = &entity{loaded: true}
		p.fresh = append(p.fresh, e)
	} else if e.stored != nil && !p.isTouchd[e] {
		p.isTouchd[e] = true
		p.touched = append(p.touched, e)
	}
	e.cur = ent
	p.index(e, ent)
	for i, c := range kids {
		if m := kidMatch[i]; m != nil {
			changed = changed || !sameFields(m.cur, c.cur)
			m.cur = c.cur
			continue
		}
		e.children = append(e.children, c)
		changed = true
	}
	switch {
	case e.stored == nil:
		return RowNew, nil, false
	case changed:
		return RowUpdated, nil, false
	}
	return RowUnchanged, nil, false
}

// loadChildren attaches a stored enterprise's contacts and projects.
func (p *planner) loadChildren(e *entity) {
	if e.loaded {
		return
	}
	e.loaded = true
	if e.stored == nil {
		return
	}
	for _, r := range p.stored[e.stored.ID] {
		e.children = append(e.children, &child{stored: r, cur: r})
	}
}

// childOf builds the row's contact or project and finds the one it
// updates: a contact with the same name and mobile (or no mobile on one
// side), a project with the same name.
func (p *planner) childOf(sp *SheetPlan, num int, e *entity, entID string, ent *record.Enterprise, k record.Kind, v rowValues) (*child, *child, []RowError) {
	fields := v.fields[k]
	if k == record.KindProject && fields["name"] == nil {
		fields["name"] = jsonOf(ent.Name + "项目") // the usual way staff name an unnamed project
	}
	probe, err := overlay(record.New(k), fields)
	if err != nil {
		return nil, nil, []RowError{{Sheet: sp.Sheet, Row: num, Zh: "无法读取此行", En: "cannot read the row: " + err.Error()}}
	}
	record.Normalize(probe)
	var match *child
	if e != nil {
		for _, c := range e.children {
			if c.cur.Kind() == k && sameChild(c.cur, probe) {
				match = c
				break
			}
		}
	}
	base := record.New(k)
	if match != nil {
		base = match.cur
	}
	cur, err := overlay(base, fields)
	if err != nil {
		return nil, nil, []RowError{{Sheet: sp.Sheet, Row: num, Zh: "无法读取此行", En: "cannot read the row: " + err.Error()}}
	}
	setParent(cur, entID)
	record.Normalize(cur)
	return &child{cur: cur}, match, v.reasons(sp, num, k, cur.Validate().Errors())
}

// setParent links a new contact or project to its enterprise.
func setParent(r record.Record, id string) {
	switch c := r.(type) {
	case *record.Contact:
		c.EnterpriseID = id
	case *record.Project:
		c.EnterpriseID = id
	}
}

// sameChild reports whether a stored child and the row's probe are the
// same person or project.
func sameChild(have, probe record.Record) bool {
	switch h := have.(type) {
	case *record.Contact:
		pc := probe.(*record.Contact)
		return h.Name == pc.Name && (h.Mobile == pc.Mobile || h.Mobile == "" || pc.Mobile == "")
	case *record.Project:
		return h.Name == probe.(*record.Project).Name
	}
	return false
}

// sameFields reports whether two records hold the same field values.
func sameFields(a, b record.Record) bool {
	fa, fb := fieldMap(a), fieldMap(b)
	if len(fa) != len(fb) {
		return false
	}
	for k, va := range fa {
		if !bytes.Equal(va, fb[k]) {
			return false
		}
	}
	return true
}

// writes turns the plan into creates (new enterprises, each followed by
// its children, then new children of stored enterprises) and patches (the
// changed fields of stored records).
func (p *planner) writes() ([]record.Record, []storage.PatchOp) {
	var creates []record.Record
	var patches []storage.PatchOp
	for _, e := range p.fresh {
		creates = append(creates, e.cur)
		for _, c := range e.children {
			creates = append(creates, c.cur)
		}
	}
	for _, e := range p.touched {
		if f := changedFields(e.stored, e.cur); len(f) > 0 {
			patches = append(patches, storage.PatchOp{Kind: record.KindEnterprise, ID: e.stored.ID, Fields: f})
		}
		for _, c := range e.children {
			if c.stored == nil {
				creates = append(creates, c.cur)
			} else if f := changedFields(c.stored, c.cur); len(f) > 0 {
				patches = append(patches, storage.PatchOp{Kind: c.cur.Kind(), ID: c.stored.Header().ID, Fields: f})
			}
		}
	}
	return creates, patches
}

// changedFields lists the fields of cur that differ from old; the import
// never clears a field, so every change is a new value.
func changedFields(old, cur record.Record) map[string]json.RawMessage {
	fo, fc := fieldMap(old), fieldMap(cur)
	out := map[string]json.RawMessage{}
	for k, v := range fc {
		if !bytes.Equal(v, fo[k]) {
			out[k] = v
		}
	}
	return out
}
